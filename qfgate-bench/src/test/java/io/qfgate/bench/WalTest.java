package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalTest {
    @Test
    void bytesAreThePositionsDifferencePerOperation() {
        assertThat(Wal.bytesPerOp(1_000_000L, 1_150_000L, 100)).isEqualTo(1_500.0);
    }

    @Test
    void nothingIsReportedWithoutBothPositionsAndSomeOperations() {
        assertThat(Wal.bytesPerOp(null, 10L, 5)).isNaN();
        assertThat(Wal.bytesPerOp(10L, null, 5)).isNaN();
        assertThat(Wal.bytesPerOp(10L, 20L, 0)).isNaN();
        assertThat(Wal.bytesPerOp(20L, 10L, 5)).as("a position that went back is not a measurement").isNaN();
        assertThat(Wal.NONE.read()).isNull();
    }
}
