package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.sandbox.SandboxConfig;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.TestKeys;
import io.qfgate.server.store.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded Alipay sandbox keeps its books in the gateway's database: a restarted node
 * forgets no trade nor customs declaration, and two nodes on one database play one and the same
 * Alipay, so a refund or a close sent to either node acts on the trade the other opened, and
 * either reports a declaration the other sent.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class SharedSandboxBooksTest {
    static final long OPENING = SandboxConfig.BUYER_RICH.openingBalanceFen();

    @Parameter
    String db;

    final Secrets masterKey = TestKeys.fresh();
    final List<TestGateway> nodes = new ArrayList<>();
    String dbUrl;

    @AfterEach
    void stopNodes() {
        nodes.reversed().forEach(TestGateway::close);
    }

    /** A gateway node on the test's database, on its own port (0: any free one). */
    TestGateway node(int port) {
        if (dbUrl == null) {
            dbUrl = TestDatabases.fresh(db);
        }
        TestGateway node = new TestGateway(db, masterKey, c -> c.withDb(dbUrl).withPort(port));
        nodes.add(node);
        return node;
    }

    @Test
    void aPaymentMadeAtNodeAIsRefundedThroughNodeB() {
        TestGateway a = node(0);
        Shop atA = Shop.merchant(a);
        TestGateway b = node(0);
        Shop atB = new Shop(b, atA.appCode, atA.clientKey, null);
        String paid = atA.paidOrder(1000, "HKD"); // opened, paid and notified at node A

        Answer refund = atB.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "refund-" + db,
                "txamt", "1000", "txdtm", "2026-11-27 11:00:00"));

        assertThat(refund.field("respcd")).as(refund.field("resperr")).isEqualTo("0000");
        assertThat(refund.field("cash_refund_fee")).isEqualTo("915");
        assertThat(a.gateway.sandbox().balanceFen("buyer-rich")).as("refunded in full, seen at A")
                .isEqualTo(OPENING).isEqualTo(b.gateway.sandbox().balanceFen("buyer-rich"));
    }

    @Test
    void anOrderClosedThroughNodeBCannotBePaidInNodeAsWallet() {
        TestGateway a = node(0);
        Shop atA = Shop.merchant(a);
        Shop atB = new Shop(node(0), atA.appCode, atA.clientKey, null);
        String syssn = atA.order(500, "HKD", "801101");
        String walletAtA = atA.wallet(syssn);

        Answer close = atB.call("/trade/v1/close", params("syssn", syssn, "txamt", "500",
                "txdtm", "2026-11-27 10:05:00"));

        assertThat(close.field("respcd")).as(close.field("resperr")).isEqualTo("0000");
        assertThat(Shop.pay(walletAtA, "buyer-rich")).as("node A's wallet refuses the closed order")
                .isNotEqualTo(303);
        assertThat(a.gateway.sandbox().balanceFen("buyer-rich")).isEqualTo(OPENING);
        assertThat(atA.stored(syssn).respcd().code()).isEqualTo("1142");
    }

    @Test
    void anOrderOpenedBeforeARestartIsPaidAfterIt() {
        TestGateway before = node(0);
        Shop shop = Shop.merchant(before);
        String syssn = shop.order(300, "HKD", "801101");
        String wallet = shop.wallet(syssn);
        int port = before.gateway.port();
        nodes.remove(before);
        before.close();

        TestGateway after = node(port); // the same node again: same database, port and public URL
        Shop sameShop = new Shop(after, shop.appCode, shop.clientKey, null);

        assertThat(Shop.pay(wallet, "buyer-rich")).isEqualTo(303);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> sameShop.stored(syssn).respcd().code().equals("0000"));
        assertThat(after.gateway.sandbox().balanceFen("buyer-rich")).isEqualTo(OPENING - 275);
    }

    /** A declaration customs takes a while over: pending after the push, accepted at the next query. */
    static Map<String, String> slowDeclaration(String syssn, String outRequestNo) {
        return params("trade_type", "alipay", "syssn", syssn, "customs", "HANGZHOU", "mch_customs_no", "SLOW42",
                "mch_customs_name", "jwyhanguo_card", "out_request_no", outRequestNo, "amount", "9.15");
    }

    /** The query's one record: what customs made of the declaration, as the sandbox reported it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> customsQuery(Shop shop, String syssn) {
        Answer a = shop.call("/custom/v1/query", params("trade_type", "alipay", "syssn", syssn, "customs", "HANGZHOU"));
        assertThat(a.field("respcd")).as(a.field("resperr")).isEqualTo("0000");
        return ((List<Map<String, Object>>) a.json().get("data")).getFirst();
    }

    @Test
    void aDeclarationSentThroughNodeAIsReportedByTheSandboxOfNodeB() {
        TestGateway a = node(0);
        Shop atA = Shop.merchant(a);
        Shop atB = new Shop(node(0), atA.appCode, atA.clientKey, null);
        String paid = atA.paidOrder(1000, "HKD");

        Answer declared = atA.call("/custom/v1/declare", slowDeclaration(paid, "NODES" + db));
        assertThat(declared.field("respcd")).as("pending: continue to query").isEqualTo("1145");

        var record = customsQuery(atB, paid); // node B's sandbox answers Alipay's customs query
        assertThat(record).containsEntry("respcd", "0000")
                .containsEntry("verify_department_trade_id", declared.field("verify_department_trade_id"));
    }

    @Test
    void aDeclarationSentBeforeARestartIsReportedAfterIt() {
        TestGateway before = node(0);
        Shop shop = Shop.merchant(before);
        String paid = shop.paidOrder(1000, "HKD");
        Answer declared = shop.call("/custom/v1/declare", slowDeclaration(paid, "RESTART" + db));
        assertThat(declared.field("respcd")).as("pending: continue to query").isEqualTo("1145");
        int port = before.gateway.port();
        nodes.remove(before);
        before.close();

        Shop sameShop = new Shop(node(port), shop.appCode, shop.clientKey, null);

        assertThat(customsQuery(sameShop, paid)).containsEntry("respcd", "0000")
                .containsEntry("verify_department_trade_id", declared.field("verify_department_trade_id"));
    }
}
