package io.qfgate.client;

import static io.qfgate.client.FakeGateway.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.client.FakeGateway.Received;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** declareCustoms, queryCustoms and redeclareCustoms against the fake gateway: wire format and answers. */
class QfPayClientCustomsTest {
    private static final String SYSSN = "20260101000300020087033882";

    private FakeGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private QfPayClient client() {
        return gateway.clientBuilder(d -> { }).build();
    }

    private Received onlyRequest() {
        assertThat(gateway.received).hasSize(1);
        return gateway.received.getFirst();
    }

    private static Map<String, Object> answer(String respcd, Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("respcd", respcd);
        body.put("resperr", respcd.equals("0000") ? "success" : "declared; customs has not decided yet, query again");
        body.put("respmsg", "");
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    @Test
    void aSplitDeclarationIsSentWithItsFeesAndTheAmountInYuan() {
        gateway.answer(r -> ok(r, answer("0000", "syssn", SYSSN, "verify_department", "ALIPAY",
                "verify_department_trade_id", "20260000000000000001")));

        CustomsDeclareResponse r = client().declareCustoms(CustomsDeclareRequest.builder()
                .syssn(SYSSN).customs("HANGZHOU").mchCustomsNo("HZ1234").mchCustomsName("jwyhanguo_card")
                .outRequestNo("REQ-000001").amount(new BigDecimal("5")).subOrder("SUB-1", 500, 450, 50)
                .build());

        Received req = onlyRequest();
        assertThat(req.path()).isEqualTo("/custom/v1/declare");
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("trade_type", "alipay"), Map.entry("syssn", SYSSN), Map.entry("customs", "HANGZHOU"),
                Map.entry("mch_customs_no", "HZ1234"), Map.entry("mch_customs_name", "jwyhanguo_card"),
                Map.entry("out_request_no", "REQ-000001"), Map.entry("amount", "5.00"),
                Map.entry("sub_order_no", "SUB-1"), Map.entry("order_fee", "500"),
                Map.entry("product_fee", "450"), Map.entry("transport_fee", "50")));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.verifyDepartment()).isEqualTo("ALIPAY");
        assertThat(r.verifyDepartmentTradeId()).isEqualTo("20260000000000000001");
    }

    @Test
    void aPendingQueryListsEachDeclaration() {
        gateway.answer(r -> ok(r, answer("1145", "syssn", SYSSN, "data", List.of(
                Map.of("respcd", "0000", "sub_order_no", "SUB-1", "amount", "5.00"),
                Map.of("respcd", "1145", "sub_order_no", "SUB-2", "amount", "4.15")))));

        CustomsQueryResponse r = client().queryCustoms(CustomsLookupRequest.builder()
                .syssn(SYSSN).customs("HANGZHOU").build());

        assertThat(onlyRequest().path()).isEqualTo("/custom/v1/query");
        assertThat(onlyRequest().params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "trade_type", "alipay", "syssn", SYSSN, "customs", "HANGZHOU"));
        assertThat(r.isPending()).isTrue();
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.data()).extracting(CustomsRecord::subOrderNo).containsExactly("SUB-1", "SUB-2");
        assertThat(r.data().get(1).respcd()).isEqualTo("1145");
    }

    @Test
    void redeclareSendsTheCustomsNumberAndRequiresIt() {
        gateway.answer(r -> ok(r, answer("0000", "syssn", SYSSN)));

        CustomsDeclareResponse r = client().redeclareCustoms(CustomsLookupRequest.builder()
                .syssn(SYSSN).customs("HANGZHOU").mchCustomsNo("HZ1234").build());

        assertThat(onlyRequest().path()).isEqualTo("/custom/v1/redeclare");
        assertThat(onlyRequest().params()).containsEntry("mch_customs_no", "HZ1234");
        assertThat(r.isSuccess()).isTrue();
        assertThatThrownBy(() -> client().redeclareCustoms(CustomsLookupRequest.builder()
                .syssn(SYSSN).customs("HANGZHOU").build()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mchCustomsNo");
    }
}
