package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlTransactions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Alipay pay_url grows with the merchant's text, percent-encoded (9 characters for one
 * Chinese character). Every request within the field limits gets an answer, never a 5xx; one
 * whose pay_url would not fit its column is 1104 naming the field that made it long.
 */
class PayUrlLengthTest {
    /** The longest merchant name the store keeps, all three-byte characters. */
    static final String LONGEST_NAME = "茶".repeat(128);

    static TestGateway gw;
    static int counter;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
        SqlApps apps = new SqlApps(gw.gateway.database());
        long appId = apps.byAppCode(gw.demo().merchant().app_code()).orElseThrow().id();
        apps.updateMerchant(apps.merchantOfApp(appId).orElseThrow().id(),
                new SqlApps.NewMerchant(LONGEST_NAME, null, null, null, null), null);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static Answer pay(Map<String, String> extra) {
        Map<String, String> p = payment("len-" + counter++);
        p.putAll(extra);
        var m = gw.demo().merchant();
        return gw.post("/trade/v1/payment", p, m.app_code(), m.client_key());
    }

    @Test
    void aPayUrlTooLongToStoreIsRefusedNamingReturnUrl() {
        String returnUrl = "https://shop.example/" + "商".repeat(179); // 200 characters, Alipay's limit

        Answer answer = pay(Map.of("return_url", returnUrl));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).startsWith("return_url: too long for this order: the pay_url would have ")
                .endsWith("more than the 4096 stored; shorten return_url or goods_name");
        assertThat(new SqlTransactions(gw.gateway.database()).byOutTradeNo(
                new SqlApps(gw.gateway.database()).merchantOfApp(new SqlApps(gw.gateway.database())
                        .byAppCode(gw.demo().merchant().app_code()).orElseThrow().id()).orElseThrow().id(),
                "len-" + (counter - 1))).as("nothing stored").isEmpty();
    }

    @Test
    void aPayUrlThatFitsIsStoredWhole() {
        Answer answer = pay(Map.of("return_url", "https://shop.example/" + "商".repeat(60)));

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        Transaction stored = new SqlTransactions(gw.gateway.database()).bySyssn(answer.field("syssn")).orElseThrow();
        assertThat(stored.payUrl()).isEqualTo(answer.field("pay_url")).hasSizeLessThanOrEqualTo(Transaction.PAY_URL_MAX);
    }

    @ParameterizedTest(name = "return_url of {0} characters, pay type 801101 and 801107")
    @ValueSource(ints = {1, 100, 150, 199, 200, 201, 300, 491})
    void everyReturnUrlWithinTheFieldLimitGetsAnAnswerNotA5xx(int chineseCharacters) {
        String returnUrl = "https://shop.example/" + "商".repeat(chineseCharacters);
        for (String payType : new String[] {"801101", "801107"}) {
            Answer answer = pay(Map.of("return_url", returnUrl, "pay_type", payType, "goods_name", "奶".repeat(64)));

            assertThat(answer.status()).as(payType).isEqualTo(200);
            assertThat(answer.field("respcd")).as(payType).isIn("0000", "1104");
            if (answer.field("respcd").equals("1104")) {
                assertThat(answer.field("resperr")).as(payType).matches("(return_url|goods_name): .*");
            }
        }
    }
}
