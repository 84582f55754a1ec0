package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.server.domain.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The portal's transaction list: keyset pages, filters, search, the CSV export, each tenant's own rows only. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PortalTransactionListTest {
    /** The gateway clock's time, so that unpaid orders stay open (not expired) while the test runs. */
    private static final LocalDateTime NOON = LocalDateTime.of(2026, 11, 27, 10, 0);

    @Parameter
    String db;

    PortalTxFixture f;

    @BeforeEach
    void start() {
        f = new PortalTxFixture(db);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void pagesWalkEveryRowOnceNewestFirstEvenWhenManyShareOneTime() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // Groups of 40 with one time each: page boundaries fall inside a group.
            made.add(f.stored(f.demoMerchant, NOON.plusSeconds(i / 40), 100 + i, Currency.HKD, null, "g").syssn());
        }
        Browserless owner = f.as("owner");
        List<String> seen = new ArrayList<>();
        String next = "/portal/transactions";
        int pages = 0;
        while (next != null) {
            PortalTxFixture.Listed page = PortalTxFixture.listed(owner, next);
            seen.addAll(page.syssns());
            next = page.next();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(new HashSet<>(seen)).as("no duplicates").hasSameSizeAs(seen);
        List<Transaction> expected = made.stream().map(f::tx)
                .sorted(Comparator.comparing(Transaction::sysdtm).thenComparing(Transaction::syssn).reversed()).toList();
        assertThat(seen).as("every row, newest first").isEqualTo(expected.stream().map(Transaction::syssn).toList());
    }

    @Test
    void eachFilterNarrowsTheListToItsRows() {
        Transaction early = f.storedPaid(f.demoMerchant, NOON.minusDays(5), 500, null);
        Transaction usd = f.stored(f.demoMerchant, NOON, 700, Currency.USD, null, "g");
        Transaction paid = f.storedPaid(f.demoMerchant, NOON.plusHours(1), 900, null);
        Transaction closed = f.stored(f.demoMerchant, NOON.plusHours(2), 300, Currency.HKD, null, "g");
        f.transactions.markClosed(closed.syssn());
        Browserless owner = f.as("owner");

        assertThat(list(owner, "from=2026-11-21&to=2026-11-22")).containsExactly(early.syssn());
        assertThat(list(owner, "from=2026-11-27")).containsExactly(closed.syssn(), paid.syssn(), usd.syssn());
        assertThat(list(owner, "currency=USD")).containsExactly(usd.syssn());
        assertThat(list(owner, "state=paid")).containsExactly(paid.syssn(), early.syssn());
        assertThat(list(owner, "state=closed")).containsExactly(closed.syssn());
        assertThat(list(owner, "state=pending")).containsExactly(usd.syssn());
        assertThat(list(owner, "pay_type=801101")).hasSize(4);
        assertThat(list(owner, "pay_type=801501")).isEmpty();
        assertThat(owner.get("/portal/transactions?state=weird").status()).isEqualTo(400);
        assertThat(Browserless.text(owner.get("/portal/transactions?from=20-11-2026"))).contains("from: \"20-11-2026\" is not a date");
    }

    @Test
    void theSearchFindsBySyssnOutTradeNoOrUdidExactly() {
        Transaction a = f.stored(f.demoMerchant, NOON, 500, Currency.HKD, "till-7", "g");
        Transaction b = f.stored(f.demoMerchant, NOON, 600, Currency.HKD, "till-70", "g");
        Browserless owner = f.as("owner");
        assertThat(list(owner, "q=" + a.syssn())).containsExactly(a.syssn());
        assertThat(list(owner, "q=" + b.outTradeNo())).containsExactly(b.syssn());
        assertThat(list(owner, "q=till-7")).containsExactly(a.syssn());
        assertThat(list(owner, "q=till")).isEmpty();
    }

    @Test
    void htmxGetsTheResultsAloneAndPlainRequestsTheWholePage() {
        f.stored(f.demoMerchant, NOON, 500, Currency.HKD, "till-7", "g");
        Browserless owner = f.as("owner");
        String fragment = Browserless.text(owner.get("/portal/transactions?q=till-7", "HX-Request", "true"));
        assertThat(fragment).startsWith("<section id=\"tx-results\"").doesNotContain("<html");
        assertThat(Browserless.text(owner.get("/portal/transactions?q=till-7"))).contains("<html", "hx-push-url=\"true\"",
                "method=\"get\" action=\"/portal/transactions\"");
    }

    @Test
    void theCsvHasAHeaderBothAmountsQuotingAndDefusedFormulas() {
        Transaction t = f.stored(f.demoMerchant, NOON, 12345, Currency.HKD, "=1+2", "Tea, \"green\"");
        f.transactions.setNote(t.syssn(), "@SUM(A1)");
        f.stored(f.otherMerchant, NOON, 999, Currency.HKD, null, "not ours");
        var answer = f.as("owner").get("/portal/transactions.csv?q=" + t.syssn());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/csv");
        String[] lines = new String(answer.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", "time", "syssn", "out_trade_no", "order_type", "orig_syssn",
                "pay_type", "state", "respcd", "currency", "amount_minor", "amount", "refunded_minor", "udid",
                "goods_name", "chnlsn", "note"));
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).isEqualTo("2026-11-27 10:00:00," + t.syssn() + "," + t.outTradeNo()
                + ",payment,,801101,pending,1143,HKD,12345,123.45,0,'=1+2,\"Tea, \"\"green\"\"\",,'@SUM(A1)");
    }

    @Test
    void theCsvWithoutFiltersHoldsEveryRowOfTheTenantAndNoOther() {
        for (int i = 0; i < 30; i++) {
            f.stored(f.demoMerchant, NOON.plusMinutes(i), 100 + i, Currency.HKD, null, "g");
        }
        Transaction theirs = f.stored(f.otherMerchant, NOON, 999, Currency.HKD, null, "g");
        String csv = new String(f.as("owner").get("/portal/transactions.csv").body(), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(31);
        assertThat(csv).doesNotContain(theirs.syssn());
        String ofOther = new String(f.as("other-owner").get("/portal/transactions.csv").body(), StandardCharsets.UTF_8);
        assertThat(ofOther.split("\r\n")).hasSize(2);
        assertThat(ofOther).contains(theirs.syssn());
    }

    @Test
    void anAgentSeesAllItsSubMerchantsAndFiltersByOne() {
        Transaction first = f.stored(f.apps.merchantByMchid(f.agent.id(), f.gw.demo().agent().mchid()).orElseThrow(),
                NOON, 500, Currency.HKD, null, "g");
        Transaction second = f.stored(f.secondSub, NOON.plusMinutes(1), 600, Currency.HKD, null, "g");
        Transaction notTheirs = f.stored(f.demoMerchant, NOON, 700, Currency.HKD, null, "g");
        Browserless agent = f.as("agent-owner");
        assertThat(list(agent, "")).containsExactly(second.syssn(), first.syssn());
        assertThat(list(agent, "mchid=M2ND")).containsExactly(second.syssn());
        assertThat(list(agent, "q=" + notTheirs.syssn())).isEmpty();
        assertThat(Browserless.text(agent.get("/portal/transactions"))).contains("Second Sub", "All sub-merchants");
        assertThat(agent.get("/portal/transactions?mchid=NOPE").status()).isEqualTo(400);
        assertThat(list(f.as("owner"), "")).containsExactly(notTheirs.syssn());
        assertThat(f.as("owner").get("/portal/transactions?mchid=M2ND").status()).as("a merchant has no sub-merchants")
                .isEqualTo(400);
    }

    @Test
    void anotherTenantsRowCannotBeAPagesStart() {
        Transaction theirs = f.stored(f.otherMerchant, NOON, 999, Currency.HKD, null, "g");
        var answer = f.as("owner").get("/portal/transactions?after=" + theirs.syssn());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(Browserless.text(answer)).contains("after: no transaction");
        assertThat(list(f.as("owner"), "q=" + theirs.syssn())).isEmpty();
        String csv = new String(f.as("owner").get("/portal/transactions.csv?q=" + theirs.syssn()).body(),
                StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).as("the header only").hasSize(1);
    }

    private static List<String> list(Browserless portal, String query) {
        return PortalTxFixture.listed(portal, "/portal/transactions?" + query).syssns();
    }
}
