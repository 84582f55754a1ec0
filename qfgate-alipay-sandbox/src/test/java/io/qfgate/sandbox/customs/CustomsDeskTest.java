package io.qfgate.sandbox.customs;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.sandbox.customs.CustomsDesk.Status;
import io.qfgate.sandbox.customs.CustomsDesk.Terms;
import io.qfgate.sandbox.store.MemoryStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The merchant customs code picks what customs decides, so each outcome can be tested. */
class CustomsDeskTest {
    static final String PARTNER = "2088000000000088";
    final MemoryStore store = new MemoryStore();
    final CustomsDesk desk = new CustomsDesk(Clock.systemUTC(), store);

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

    @Test
    void declarationsAreTheStoresSoADeskOnTheSameStoreCarriesOn() {
        String declareNo = desk.declare(PARTNER, "REQ-000005", terms("SLOW2")).orElseThrow().declareNo();
        assertThat(desk.query(PARTNER, "REQ-000005").orElseThrow().status()).isEqualTo(Status.INIT);

        CustomsDesk afterRestart = new CustomsDesk(Clock.systemUTC(), store);

        var d = afterRestart.query(PARTNER, "REQ-000005").orElseThrow();
        assertThat(d.status()).as("the second query, counted across desks").isEqualTo(Status.SUCCESS);
        assertThat(d.declareNo()).isEqualTo(declareNo);
    }

    @Test
    void eachNumberGetsItsOwnAlipayDeclarationNumber() {
        String first = desk.declare(PARTNER, "REQ-000006", terms("HZ1234")).orElseThrow().declareNo();
        String second = desk.declare(PARTNER, "REQ-000007", terms("HZ1234")).orElseThrow().declareNo();

        assertThat(first).matches("\\d{20}").isNotEqualTo(second);
        assertThat(desk.declare(PARTNER, "REQ-000006", terms("HZ1234")).orElseThrow().declareNo())
                .as("a push again keeps its number").isEqualTo(first);
    }
}
