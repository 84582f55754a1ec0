package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code alipay.overseas.acquire.customs.query} answers as Alipay lays it out: {@code result_code}
 * and the record under {@code <records><customs_declare>}, or the number in {@code <not_found>};
 * either signed over its leaf fields.
 */
class CustomsQueryAnswerTest extends SandboxFixture {

    String paidTradeNo() {
        Map<String, String> order = order("total_fee", "10.00"); // CNY 9.15
        pay(walletUrlOf(order), "buyer-rich");
        return query(order.get("out_trade_no")).fields().get("trade_no");
    }

    Answer declare(String outRequestNo, String tradeNo, String code) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "alipay.acquire.customs");
        p.put("out_request_no", outRequestNo);
        p.put("trade_no", tradeNo);
        p.put("merchant_customs_code", code);
        p.put("merchant_customs_name", "jwyhanguo_card");
        p.put("amount", "9.15");
        p.put("customs_place", "HANGZHOU");
        return call(p);
    }

    static Map<String, String> customsQuery(String outRequestNos) {
        return Map.of("service", "alipay.overseas.acquire.customs.query", "out_request_nos", outRequestNos);
    }

    static String xpath(String xml, String expression) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return (String) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.STRING);
    }

    @Test
    void aDeclarationIsReportedAsARecordUnderResultCodeSuccess() throws Exception {
        String tradeNo = paidTradeNo();
        String declareNo = declare("REQ-LAYOUT-1", tradeNo, "HZ1234").fields().get("alipay_declare_no");

        String xml = getGateway(signed(customsQuery("REQ-LAYOUT-1"))).body();

        assertThat(xpath(xml, "/alipay/response/alipay/result_code")).isEqualTo("SUCCESS");
        assertThat(xpath(xml, "/alipay/response/alipay/records/customs_declare/out_request_no")).isEqualTo("REQ-LAYOUT-1");
        assertThat(xpath(xml, "/alipay/response/alipay/records/customs_declare/status")).isEqualTo("SUCCESS");
        Answer answer = parse(xml);
        assertThat(answer.fields()).containsEntry("alipay_declare_no", declareNo).containsEntry("trade_no", tradeNo)
                .containsEntry("amount", "9.15").doesNotContainKey("not_found");
        assertThat(answer.signedBy(KEY)).isTrue();
    }

    @Test
    void aNumberNeverDeclaredIsListedAsNotFoundNotRefused() throws Exception {
        String xml = getGateway(signed(customsQuery("REQ-NEVER-1"))).body();

        Answer answer = parse(xml);
        assertThat(answer.isSuccess()).isEqualTo("T");
        assertThat(answer.fields()).containsEntry("result_code", "SUCCESS").containsEntry("not_found", "REQ-NEVER-1")
                .doesNotContainKey("status");
        assertThat(xpath(xml, "count(/alipay/response/alipay/records)")).isEqualTo("0");
        assertThat(answer.signedBy(KEY)).isTrue();
    }
}
