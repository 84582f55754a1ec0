package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.Receipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With Alipay unreachable (its URL a closed port), every call that needs it is still answered
 * HTTP 200 with a QFPay code that says what to do, and nothing stored is lost or changed
 * wrongly: a cancel is "in progress" (1145) and the order stays open, a refund stays pending
 * (1145), a customs declaration stays pending (1145), and queries answer from the database.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class UnreachableAlipayTest {
    static final Receipt RECEIPT = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 1), "2026112722001400000000000002",
            "2088000000000001", "0.9150", 275L, Currency.CNY);

    @Parameter
    String db;

    TestGateway gw;
    Shop shop;

    @BeforeEach
    void start() {
        String closedPort = "http://127.0.0.1:" + closedPort() + "/gateway.do";
        gw = new TestGateway(db, c -> c.withUrls(null, closedPort));
        shop = Shop.merchant(gw);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void closeAndReversalAnswerInProgressAndLeaveTheOrderOpen() {
        String syssn = shop.order(500, "HKD", "801101");

        for (String path : List.of("/trade/v1/close", "/trade/v1/reversal")) {
            Answer answer = shop.call(path, params("syssn", syssn, "txamt", "500", "txdtm", "2026-11-27 10:05:00"));

            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.field("respcd")).as(path).isEqualTo("1145");
            assertThat(answer.field("resperr")).as(path)
                    .contains("could not be reached").contains(syssn + " is still open").contains("cancel again");
            assertThat(answer.header("X-QF-SIGN")).as("signed like every answer").isNotBlank();
            assertThat(shop.stored(syssn).respcd()).as("not closed here: Alipay may not have closed it")
                    .isEqualTo(Respcd.NOT_PAID_YET);
            assertThat(shop.stored(syssn).cancel()).isZero();
        }
    }

    @Test
    void aRefundStaysPendingAndTheQueryShowsIt() {
        String paid = paidOrder();

        Answer refund = shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "r-down-" + db,
                "txamt", "100", "txdtm", "2026-11-27 11:00:00"));

        assertThat(refund.status()).isEqualTo(200);
        assertThat(refund.field("respcd")).as(refund.field("resperr")).isEqualTo("1145");
        Answer query = shop.call("/trade/v1/query", params("syssn", refund.field("syssn")));
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.field("respcd")).isEqualTo("0000");
        assertThat(((Map<?, ?>) ((List<?>) query.json().get("data")).getFirst()).get("respcd")).isEqualTo("1145");
        assertThat(shop.stored(paid).refundedAmount()).as("reserved while its outcome is unknown").isEqualTo(100L);
    }

    @Test
    void aCustomsDeclarationStaysPending() {
        String paid = paidOrder();
        Map<String, String> declaration = params("trade_type", "alipay", "syssn", paid, "customs", "HANGZHOU",
                "mch_customs_no", "jwyhanguo", "mch_customs_name", "jwyhanguo_card", "out_request_no", "REQdown1",
                "amount", "2.75");

        Answer declared = shop.call("/custom/v1/declare", declaration);
        Answer queried = shop.call("/custom/v1/query", params("trade_type", "alipay", "syssn", paid,
                "customs", "HANGZHOU"));

        assertThat(declared.status()).isEqualTo(200);
        assertThat(declared.field("respcd")).as(declared.field("resperr")).isEqualTo("1145");
        assertThat(queried.status()).isEqualTo(200);
        assertThat(queried.field("respcd")).as("customs has not decided: " + queried.field("resperr")).isEqualTo("1145");
    }

    /** A payment recorded as Alipay would report it (Alipay itself is out of reach). */
    String paidOrder() {
        String syssn = shop.order(300, "HKD", "801101");
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, RECEIPT));
        assertThat(shop.stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        return syssn;
    }

    /** A loopback port nothing listens on: bound, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
