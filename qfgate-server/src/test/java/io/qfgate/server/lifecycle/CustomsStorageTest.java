package io.qfgate.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.CustomsChannel;
import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.CustomsDeclarations.Inserted;
import io.qfgate.server.domain.CustomsState;
import io.qfgate.server.domain.NewDeclaration;
import io.qfgate.server.domain.SubOrderFees;
import io.qfgate.server.store.SqlCustomsDeclarations;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The customs_declarations table keeps one declaration per payment and sub-order, and per app and number. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomsStorageTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 10, 0, 0);

    @Parameter
    String db;

    TestGateway gw;
    Shop shop;
    SqlCustomsDeclarations store;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        shop = Shop.merchant(gw);
        store = new SqlCustomsDeclarations(gw.gateway.database());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    CustomsDeclaration declaration(String syssn, String outRequestNo, String subOrderNo) {
        SubOrderFees fees = subOrderNo == null ? null : new SubOrderFees(300, 250, 50);
        return CustomsDeclaration.fresh(shop.stored(syssn).appId(), new NewDeclaration(null, syssn, "HANGZHOU",
                "HZ1234", "jwyhanguo_card", outRequestNo, 300, subOrderNo, fees), NOW);
    }

    @Test
    void anUnsplitPaymentHasOneDeclarationAndEachNumberNamesOne() {
        String syssn = shop.order(1000, "HKD", "801101");
        assertThat(store.insert(declaration(syssn, "NUM-000001", null))).isEqualTo(Inserted.INSERTED);

        assertThat(store.insert(declaration(syssn, "NUM-000002", null))).isEqualTo(Inserted.ORDER_ALREADY_DECLARED);

        String other = shop.order(1000, "HKD", "801101");
        assertThat(store.insert(declaration(other, "NUM-000001", null))).isEqualTo(Inserted.OUT_REQUEST_NO_TAKEN);
        assertThat(store.ofPayment(other)).isEmpty();
    }

    @Test
    void subOrdersAreDeclaredApartAndReadBackWithTheirFees() {
        String syssn = shop.order(1000, "HKD", "801101");
        assertThat(store.insert(declaration(syssn, "SUB-000001", "A"))).isEqualTo(Inserted.INSERTED);
        assertThat(store.insert(declaration(syssn, "SUB-000002", "B"))).isEqualTo(Inserted.INSERTED);
        assertThat(store.insert(declaration(syssn, "SUB-000003", "B"))).isEqualTo(Inserted.ORDER_ALREADY_DECLARED);

        assertThat(store.ofPayment(syssn)).extracting(CustomsDeclaration::subOrderNo).containsExactly("A", "B");
        assertThat(store.byPayment(syssn, "A").orElseThrow().fees()).isEqualTo(new SubOrderFees(300, 250, 50));
        assertThat(store.byPayment(syssn, null)).as("the whole order was not declared").isEmpty();
    }

    @Test
    void anUpdateKeepsTheStateTheChannelReported() {
        String syssn = shop.order(1000, "HKD", "801101");
        CustomsDeclaration d = declaration(syssn, "UPD-000001", null);
        store.insert(d);

        store.update(d.pushed(new CustomsChannel.Outcome.Rejected("no customs record"), NOW.plusMinutes(1)));

        CustomsDeclaration read = store.byPayment(syssn, null).orElseThrow();
        assertThat(read.state()).isEqualTo(CustomsState.REJECTED);
        assertThat(read.reason()).isEqualTo("no customs record");
        assertThat(read.pushes()).isEqualTo(1);
        assertThat(read.updatedAt()).isEqualTo(NOW.plusMinutes(1));
    }
}
