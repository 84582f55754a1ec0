package io.qfgate.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.client.CustomsDeclareRequest;
import io.qfgate.client.CustomsDeclareResponse;
import io.qfgate.client.CustomsLookupRequest;
import io.qfgate.client.CustomsQueryResponse;
import io.qfgate.client.QfPayClient;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import java.math.BigDecimal;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's customs calls against a real gateway and its sandbox: declare, wait on the query, redeclare. */
class CustomsSdkTest {
    static TestGateway gw;
    static Shop shop;
    static QfPayClient client;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
        shop = Shop.merchant(gw);
        client = QfPayClient.builder().baseUrl(URI.create(gw.url(""))).appCode(shop.appCode)
                .clientKey(shop.clientKey).build();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aSlowDeclarationIsPendingThenAcceptedAndCanBePushedAgain() {
        String paid = shop.paidOrder(1000, "HKD");

        CustomsDeclareResponse declared = client.declareCustoms(CustomsDeclareRequest.builder()
                .syssn(paid).customs("ZONGSHU").mchCustomsNo("SLOW01").mchCustomsName("jwyhanguo_card")
                .outRequestNo("SDK-" + paid.substring(14)).amount(new BigDecimal("9.15")).build());
        assertThat(declared.isPending()).as(declared.resperr()).isTrue();

        CustomsLookupRequest lookup = CustomsLookupRequest.builder().syssn(paid).customs("ZONGSHU").build();
        CustomsQueryResponse queried = client.queryCustoms(lookup);
        assertThat(queried.isSuccess()).as(queried.resperr()).isTrue();
        assertThat(queried.data()).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo("9.15");
            assertThat(r.verifyDepartmentTradeId()).isEqualTo(declared.verifyDepartmentTradeId());
        });

        CustomsDeclareResponse again = client.redeclareCustoms(CustomsLookupRequest.builder()
                .syssn(paid).customs("ZONGSHU").mchCustomsNo("SLOW01").build());
        assertThat(again.isPending()).as("customs decides again after a push").isTrue();
        assertThat(client.queryCustoms(lookup).isSuccess()).isTrue();
    }
}
