package io.qfgate.sandbox.customs;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.sandbox.customs.CustomsDesk.Status;
import io.qfgate.sandbox.customs.CustomsDesk.Terms;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The merchant customs code picks what customs decides, so each outcome can be tested. */
class CustomsDeskTest {
    static final String PARTNER = "2088000000000088";
    final CustomsDesk desk = new CustomsDesk(Clock.systemUTC());

    static Terms terms(String code) {
        return new Terms("2026112722001400000000000001", code, "jwyhanguo_card", 915, "HANGZHOU", null);
    }

    @Test
    void anOrdinaryCodeIsAcceptedAtOnce() {
        desk.declare(PARTNER, "REQ-000001", terms("HZ1234"));
        assertThat(desk.query(PARTNER, "REQ-000001").orElseThrow().status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aRejectCodeFailsWithAReason() {
        desk.declare(PARTNER, "REQ-000002", terms("REJECT1"));
        var d = desk.query(PARTNER, "REQ-000002").orElseThrow();
        assertThat(d.status()).isEqualTo(Status.FAIL);
        assertThat(d.memo()).contains("REJECT1 has no customs record at HANGZHOU");
    }

    @Test
    void aSlowCodeIsPendingForTheFirstQueryAfterEachPush() {
        desk.declare(PARTNER, "REQ-000003", terms("SLOW1"));
        assertThat(desk.query(PARTNER, "REQ-000003").orElseThrow().status()).isEqualTo(Status.INIT);
        assertThat(desk.query(PARTNER, "REQ-000003").orElseThrow().status()).isEqualTo(Status.SUCCESS);

        var again = desk.declare(PARTNER, "REQ-000003", terms("SLOW1")).orElseThrow();
        assertThat(again.pushes()).isEqualTo(2);
        assertThat(desk.query(PARTNER, "REQ-000003").orElseThrow().status()).isEqualTo(Status.INIT);
    }

    @Test
    void aNumberDeclaresOneTradeAndBelongsToItsPartner() {
        String declareNo = desk.declare(PARTNER, "REQ-000004", terms("HZ1234")).orElseThrow().declareNo();
        Terms otherTrade = new Terms("2026112722001400000000000002", "HZ1234", "x", 1, "HANGZHOU", null);

        assertThat(desk.declare(PARTNER, "REQ-000004", otherTrade)).isEmpty();
        assertThat(desk.query(PARTNER, "REQ-000004").orElseThrow().declareNo()).isEqualTo(declareNo);
        assertThat(desk.query("2088000000000099", "REQ-000004")).isEmpty();
    }
}
