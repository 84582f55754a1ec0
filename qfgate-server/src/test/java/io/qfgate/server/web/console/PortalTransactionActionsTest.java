package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.Transaction;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transaction's detail page and what a portal user may do from it: refund (once per form, within
 * a cashier's limit), close, note, resend its notification; never as a viewer, never another tenant's.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PortalTransactionActionsTest {
    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    /** The gateway clock's time, so that an unpaid order stays open while the test runs. */
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
    void aPartialRefundFromTheDetailIsMadeOnceHowOftenTheFormIsSentAndTheApiShowsIt() {
        String paid = f.paidThroughApi(3000);
        Browserless owner = f.as("owner");
        String detail = Browserless.text(owner.get("/portal/transactions/" + paid));
        Transaction payment = f.tx(paid);
        assertThat(detail).contains(payment.outTradeNo(), payment.receipt().chnlsn(), "801101", "3000 (30.00 HKD)",
                "Refund…", "Save note");

        String confirm = Browserless.text(owner.get("/portal/transactions/" + paid + "/refund?amount=12.50"));
        assertThat(confirm).contains("Still refundable", "30.00 HKD", "Refund 12.50 HKD");
        Map<String, String> form = Map.of("csrf", Browserless.csrfOf(owner.get("/portal/")), "key", key(confirm),
                "amount", "12.50");
        var first = owner.post("/portal/transactions/" + paid + "/refund", form);
        var second = owner.post("/portal/transactions/" + paid + "/refund", form);
        assertThat(first.status()).isEqualTo(303);
        assertThat(second.status()).as("a double click answers the same refund").isEqualTo(303);

        List<Transaction> refunds = f.transactions.refundsOf(paid);
        assertThat(refunds).hasSize(1);
        assertThat(refunds.getFirst().txamt()).isEqualTo(1250);
        assertThat(f.tx(paid).refundedAmount()).isEqualTo(1250);
        var query = f.gw.post("/trade/v1/query", Map.of("syssn", refunds.getFirst().syssn()),
                f.gw.demo().merchant().app_code(), f.gw.demo().merchant().client_key());
        assertThat(query.json().toString()).contains("orig", paid, "1250");
        var queryPayment = f.gw.post("/trade/v1/query", Map.of("syssn", paid), f.gw.demo().merchant().app_code(),
                f.gw.demo().merchant().client_key());
        assertThat(queryPayment.json().toString()).contains("cancel=5");
        assertThat(Browserless.text(owner.get("/portal/transactions/" + paid + "?done=refund")))
                .contains(refunds.getFirst().syssn(), "12.50 HKD", "Refund requested");
        assertThat(actions(AuditAction.REFUND)).hasSize(2).allSatisfy(e -> assertThat(e.detail())
                .contains(refunds.getFirst().syssn(), paid, "1250 HKD"));
    }

    @Test
    void aCashierIsRefusedARefundAboveTheirLimitAndNothingChanges() {
        Transaction paid = f.storedPaid(f.demoMerchant, NOON, 3000, null);
        Browserless till = f.as("till");
        String confirm = Browserless.text(till.get("/portal/transactions/" + paid.syssn() + "/refund?amount=5.01"));
        var answer = till.post("/portal/transactions/" + paid.syssn() + "/refund", Map.of("csrf",
                Browserless.csrfOf(till.get("/portal/")), "key", key(confirm), "amount", "5.01"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(Browserless.text(answer)).contains("above your refund limit of 500");
        assertThat(f.transactions.refundsOf(paid.syssn())).isEmpty();
        assertThat(f.tx(paid.syssn()).refundedAmount()).isZero();
    }

    @Test
    void aViewerSeesNoActionAndIsRefusedEachOneOnTheServer() {
        Transaction paid = f.storedPaid(f.demoMerchant, NOON, 3000, null);
        Transaction open = f.stored(f.demoMerchant, NOON, 500, Currency.HKD, null, "g");
        long notice = failedNotice(paid);
        Browserless reader = f.as("reader");
        String detail = Browserless.text(reader.get("/portal/transactions/" + paid.syssn()));
        assertThat(detail).contains(paid.syssn()).doesNotContain("Refund…", "Save note", "Send the notification again",
                "Close this unpaid order");
        assertThat(reader.get("/portal/transactions/" + paid.syssn() + "/refund?amount=1.00").status()).isEqualTo(403);
        String csrf = Browserless.csrfOf(reader.get("/portal/"));
        assertThat(reader.post("/portal/transactions/" + paid.syssn() + "/refund",
                Map.of("csrf", csrf, "key", "k".repeat(32), "amount", "1.00")).status()).isEqualTo(403);
        assertThat(reader.post("/portal/transactions/" + open.syssn() + "/close", Map.of("csrf", csrf)).status())
                .isEqualTo(403);
        assertThat(reader.post("/portal/transactions/" + paid.syssn() + "/note", Map.of("csrf", csrf, "note", "x"))
                .status()).isEqualTo(403);
        assertThat(reader.post("/portal/transactions/" + paid.syssn() + "/resend", Map.of("csrf", csrf)).status())
                .isEqualTo(403);
        assertThat(f.tx(paid.syssn())).isEqualTo(paid);
        assertThat(f.tx(open.syssn())).isEqualTo(f.transactions.bySyssn(open.syssn()).orElseThrow());
        assertThat(f.tx(open.syssn()).respcd().code()).isEqualTo("1143");
        assertThat(noticeState(notice)).isEqualTo("failed");
        assertThat(f.transactions.refundsOf(paid.syssn())).isEmpty();
    }

    @Test
    void aNoteIsSavedThroughTheNoteServiceAndAudited() {
        Transaction paid = f.storedPaid(f.demoMerchant, NOON, 3000, null);
        Browserless owner = f.as("owner");
        var answer = owner.post("/portal/transactions/" + paid.syssn() + "/note",
                Map.of("csrf", Browserless.csrfOf(owner.get("/portal/")), "note", "gift wrap, table 4"));
        assertThat(answer.status()).as(Browserless.text(answer)).isEqualTo(303);
        assertThat(f.tx(paid.syssn()).note()).isEqualTo("gift wrap, table 4");
        assertThat(Browserless.text(owner.get("/portal/transactions/" + paid.syssn()))).contains("gift wrap, table 4");
        assertThat(actions(AuditAction.NOTE_SET)).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo(f.gw.demo().portal().username());
            assertThat(e.detail()).contains(paid.syssn());
        });
        assertThat(owner.post("/portal/transactions/" + paid.syssn() + "/note",
                Map.of("csrf", Browserless.csrfOf(owner.get("/portal/")), "note", "n".repeat(201))).status())
                .as("too long").isEqualTo(400);
    }

    @Test
    void theNotificationsAttemptsShowAndResendQueuesAFailedOneAgain() {
        Transaction paid = f.storedPaid(f.demoMerchant, NOON, 3000, null);
        long notice = failedNotice(paid);
        Browserless owner = f.as("owner");
        assertThat(Browserless.text(owner.get("/portal/transactions/" + paid.syssn())))
                .contains("https://shop.example/notify", "503", "busy", "812 ms", "Send the notification again");
        var answer = owner.post("/portal/transactions/" + paid.syssn() + "/resend",
                Map.of("csrf", Browserless.csrfOf(owner.get("/portal/"))));
        assertThat(answer.status()).isEqualTo(303);
        assertThat(noticeState(notice)).isEqualTo("pending");
        assertThat(actions(AuditAction.NOTICE_RESENT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(paid.syssn()));
        assertThat(owner.post("/portal/transactions/" + paid.syssn() + "/resend",
                Map.of("csrf", Browserless.csrfOf(owner.get("/portal/")))).status())
                .as("a pending notification is not resent").isEqualTo(400);
    }

    @Test
    void anOwnerClosesAnUnpaidOrderThroughTheCancelService() {
        String open = f.orderThroughApi(3000);
        Browserless owner = f.as("owner");
        assertThat(Browserless.text(owner.get("/portal/transactions/" + open))).contains("Close this unpaid order")
                .doesNotContain("Refund…");
        var answer = owner.post("/portal/transactions/" + open + "/close",
                Map.of("csrf", Browserless.csrfOf(owner.get("/portal/"))));
        assertThat(answer.status()).isEqualTo(303);
        assertThat(f.tx(open).respcd().code()).isEqualTo("1142");
        assertThat(actions(AuditAction.ORDER_CLOSED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(open));
    }

    @Test
    void anotherMerchantsUserReachesOurTransactionOnNoRouteAndChangesNothing() {
        Transaction paid = f.storedPaid(f.demoMerchant, NOON, 3000, null);
        Transaction open = f.stored(f.demoMerchant, NOON, 500, Currency.HKD, null, "g");
        long notice = failedNotice(paid);
        Browserless them = f.as("other-owner");
        String csrf = Browserless.csrfOf(them.get("/portal/"));
        String base = "/portal/transactions/";
        assertThat(them.get(base + paid.syssn()).status()).isEqualTo(404);
        assertThat(them.get(base + paid.syssn() + "/refund?amount=1.00").status()).isEqualTo(404);
        assertThat(them.post(base + paid.syssn() + "/refund", Map.of("csrf", csrf, "key", "k".repeat(32),
                "amount", "1.00")).status()).isEqualTo(404);
        assertThat(them.post(base + open.syssn() + "/close", Map.of("csrf", csrf)).status()).isEqualTo(404);
        assertThat(them.post(base + paid.syssn() + "/note", Map.of("csrf", csrf, "note", "mine")).status())
                .isEqualTo(404);
        assertThat(them.post(base + paid.syssn() + "/resend", Map.of("csrf", csrf)).status()).isEqualTo(404);
        String csv = new String(them.get("/portal/transactions.csv?q=" + paid.syssn()).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).doesNotContain(paid.syssn());

        assertThat(f.tx(paid.syssn())).isEqualTo(paid);
        assertThat(f.tx(open.syssn()).respcd().code()).isEqualTo("1143");
        assertThat(f.transactions.refundsOf(paid.syssn())).isEmpty();
        assertThat(noticeState(notice)).isEqualTo("failed");
        assertThat(f.audit.newest(50)).noneMatch(e -> e.action() == AuditAction.REFUND
                || e.action() == AuditAction.ORDER_CLOSED || e.action() == AuditAction.NOTE_SET
                || e.action() == AuditAction.NOTICE_RESENT);
    }

    private static String key(String confirmPage) {
        Matcher m = KEY.matcher(confirmPage);
        assertThat(m.find()).as("the confirmation carries a one-time key").isTrue();
        return m.group(1);
    }

    private List<AuditEntry> actions(AuditAction action) {
        return f.audit.newest(100).stream().filter(e -> e.action() == action).toList();
    }

    /** A notification of the payment that failed for good after one attempt. */
    private long failedNotice(Transaction t) {
        return f.gw.gateway.database().jdbi().withHandle(h -> {
            long id = h.createUpdate("""
                            INSERT INTO notifications (syssn, app_id, notify_type, url, body, state, attempts,
                                next_attempt_at, created_at, settled_at)
                            VALUES (:syssn, :app, 'payment', 'https://shop.example/notify', '{}', 'failed', 1, :at, :at, :at)""")
                    .bind("syssn", t.syssn()).bind("app", t.appId()).bind("at", NOON)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO notification_attempts (notification_id, attempted_at, http_status, answer, latency_ms)
                            VALUES (:id, :at, 503, 'busy', 812)""")
                    .bind("id", id).bind("at", NOON).execute();
            return id;
        });
    }

    private String noticeState(long id) {
        return f.gw.gateway.database().jdbi().withHandle(h -> h.createQuery("SELECT state FROM notifications WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

}
