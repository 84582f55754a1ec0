package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @Test
    void aRerunReplacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("performance.md");
        Files.writeString(doc, "# Performance\n\n## What we found\n\nnotes by hand\n");
        Report.write(doc, "h2", "first h2");
        Report.write(doc, "postgresql", "first pg");
        Report.write(doc, "h2", "second h2");

        String text = Files.readString(doc);
        assertThat(text).startsWith("# Performance\n\n## What we found\n\nnotes by hand\n");
        assertThat(text).contains("second h2", "first pg").doesNotContain("first h2");
        assertThat(text.indexOf("second h2")).isLessThan(text.indexOf("first pg"));
        assertThat(text.split(java.util.regex.Pattern.quote(Report.begin("h2")), -1)).hasSize(2);
    }

    @Test
    void aMissingFileIsCreated(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("docs/performance.md");
        Report.write(doc, "postgresql", "table");
        assertThat(Files.readString(doc)).contains(Report.begin("postgresql"), "table", Report.end("postgresql"));
    }

    @Test
    void seededSyssnsHaveTheShapeOfTheGatewaysAndStayInTheMonth() {
        Seeder seeder = new Seeder(1_000_000, YearMonth.of(2026, 2));
        assertThat(seeder.syssn(1)).hasSize(26).startsWith("20260201").endsWith("900000000000000001");
        assertThat(seeder.syssn(1_000_000)).hasSize(26).startsWith("20260228");
        assertThat(seeder.sysdtm(1_000_000)).isBefore(seeder.monthEnd);
        assertThat(seeder.sysdtm(1)).isAfterOrEqualTo(seeder.monthStart);
    }
}
