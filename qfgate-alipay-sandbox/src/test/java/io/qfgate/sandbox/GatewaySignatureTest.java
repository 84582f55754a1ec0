package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.alipay.MapiSignature;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** gateway.do lets in only what a known partner signed, and says why it refuses. */
class GatewaySignatureTest extends SandboxFixture {

    @Test
    void md5SignedOrderOpensTheCashier() {
        HttpResponse<String> page = getGateway(signed(order()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Coffee Corner", "HKD 3.00");
    }

    @Test
    void postedFormWorksLikeTheQueryString() {
        Map<String, String> params = order();
        assertThat(post(gateway(), signed(params)).statusCode()).isEqualTo(200);

        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "WAIT_BUYER_PAY");
    }

    @Test
    void tamperedParametersAreIllegalSign() {
        Map<String, String> params = signed(order());
        params.put("total_fee", "0.01");

        HttpResponse<String> page = getGateway(params);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("ILLEGAL_SIGN").doesNotContain("Exception", "at io.");
        Map<String, String> query = signed(Map.of("service", "single_trade_query", "out_trade_no", "x"));
        query.put("sign", "0".repeat(32));
        assertThat(parse(getGateway(query).body()))
                .extracting(Answer::isSuccess, Answer::error).containsExactly("F", "ILLEGAL_SIGN");
    }

    @Test
    void unknownOrMissingPartnerIsIllegalPartner() {
        Map<String, String> params = signed(Map.of("service", "single_trade_query", "out_trade_no", "x"));
        params.put("partner", "2088999999999999");
        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_PARTNER");

        params.remove("partner");
        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_PARTNER");
    }

    @Test
    void missingSignOrUnknownSignTypeIsRefused() {
        Map<String, String> params = signed(Map.of("service", "single_trade_query", "out_trade_no", "x"));
        params.put("sign_type", "DSA");
        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_SIGN_TYPE");

        params.remove("sign");
        params.put("sign_type", "MD5");
        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_SIGN");
    }

    @Test
    void rsa2SignatureWithThePartnersPublicKeyIsAccepted() {
        Map<String, String> params = new LinkedHashMap<>(order());
        params.put("partner", RSA_PARTNER);
        params.put("_input_charset", "UTF-8");
        params.put("sign", MapiSignature.rsa2(params, RSA_KEYS.getPrivate()));
        params.put("sign_type", "RSA2");

        HttpResponse<String> page = getGateway(params);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);

        params.put("subject", "Changed after signing");
        assertThat(getGateway(params).body()).contains("ILLEGAL_SIGN");
    }

    @Test
    void rsa2FromAPartnerWithoutPublicKeyIsIllegalSignType() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("service", "single_trade_query", "out_trade_no", "x",
                "partner", PARTNER));
        params.put("sign", MapiSignature.rsa2(params, RSA_KEYS.getPrivate()));
        params.put("sign_type", "RSA2");

        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_SIGN_TYPE");
    }

    @Test
    void unknownServiceIsIllegalService() {
        Answer answer = call(Map.of("service", "alipay.trade.pay"));

        assertThat(answer.isSuccess()).isEqualTo("F");
        assertThat(answer.error()).isEqualTo("ILLEGAL_SERVICE");
    }

    @Test
    void otherCharsetsAreRefused() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("service", "single_trade_query", "out_trade_no", "x"));
        params.put("partner", PARTNER);
        params.put("_input_charset", "GBK");
        params.put("sign", MapiSignature.md5(params, KEY));
        params.put("sign_type", "MD5");

        assertThat(parse(getGateway(params).body()).error()).isEqualTo("ILLEGAL_CHARSET");
    }

    @Test
    void missingOrMalformedParametersNameTheField() {
        HttpResponse<String> noAmount = getGateway(signed(order("total_fee", null)));
        assertThat(noAmount.statusCode()).isEqualTo(400);
        assertThat(noAmount.body()).contains("ILLEGAL_ARGUMENT", "total_fee is missing");

        assertThat(getGateway(signed(order("currency", "JPY", "total_fee", "500.5"))).body())
                .contains("ILLEGAL_ARGUMENT", "more decimals than JPY allows");
        assertThat(getGateway(signed(order("currency", "XYZ"))).body()).contains("currency 'XYZ' is not a supported currency");
        assertThat(getGateway(signed(order("total_fee", "-1"))).body()).contains("total_fee");
        assertThat(getGateway(signed(order("notify_url", "ftp://x"))).body())
                .contains("notify_url must be an absolute http or https URL");
        assertThat(getGateway(signed(order("qr_pay_mode", "9"))).body()).contains("qr_pay_mode must be one of 2, 4");
        assertThat(call(Map.of("service", "single_trade_query")).error()).isEqualTo("ILLEGAL_ARGUMENT");
    }

    @Test
    void notifyVerifyNeedsNoSignatureAndDeniesUnknownIds() {
        HttpResponse<String> answer = get(gateway() + "?service=notify_verify&partner=" + PARTNER + "&notify_id=nope");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("false");
    }
}
