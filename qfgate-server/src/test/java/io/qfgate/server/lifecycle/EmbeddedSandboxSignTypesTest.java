package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.server.TempDirs;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.TestKeys;
import io.qfgate.server.Wallet;
import io.qfgate.server.ops.Cli;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlSandboxPartner.SignType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway in sandbox mode against its embedded sandbox, with the sandbox partner signing MD5
 * (as made) or RSA2 (after {@code ./qfgate alipay reset --sign-type RSA2}): the gateway signs its
 * requests that way, and the sandbox answers and notifies as Alipay does for such a partner, which
 * the gateway checks. Every step that moves money rests on an answer whose signature was checked;
 * an RSA2 gateway account has no MD5 key, so under RSA2 only RSA2 signatures pass.
 */
@ParameterizedClass(name = "{1} on {0}")
@MethodSource("kinds")
class EmbeddedSandboxSignTypesTest {
    @Parameter(0)
    String db;

    @Parameter(1)
    SignType signType;

    final Path data = TempDirs.create("qfgate-signtypes");
    TestGateway gw;

    static Stream<Arguments> kinds() {
        return TestDatabases.kinds().stream()
                .flatMap(db -> Stream.of(Arguments.of(db, SignType.MD5), Arguments.of(db, SignType.RSA2)));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        TempDirs.delete(data);
    }

    /** The operator's way: choose the sign type on the database, then start the gateway on it. */
    Shop shop() {
        String dbUrl = TestDatabases.fresh(db);
        Cli reset = Cli.run("alipay", "reset", "--sign-type", signType.name().toLowerCase(java.util.Locale.ROOT),
                "--data", data.toString(), "--db", dbUrl);
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("signs " + signType);
        gw = new TestGateway(db, TestKeys.ofDataDir(data), c -> c.withDb(dbUrl));
        return Shop.merchant(gw);
    }

    @Test
    void aWalletPaymentIsNotifiedAndVerifiedThenDeclaredAndRefunded() {
        Shop shop = shop();
        String paid = shop.paidOrder(1000, "HKD"); // recorded only from a notification whose signature checked

        assertThat(shop.stored(paid).payUrl()).contains("sign_type=" + signType);
        Answer declared = shop.call("/custom/v1/declare", params("trade_type", "alipay", "syssn", paid,
                "customs", "HANGZHOU", "mch_customs_no", "HZ1234", "mch_customs_name", "jwyhanguo_card",
                "out_request_no", "SIGN" + signType + db, "amount", "9.15"));
        assertThat(declared.field("respcd")).as(declared.field("resperr")).isEqualTo("0000");
        Answer refund = shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "refund-" + signType,
                "txamt", "1000", "txdtm", "2026-11-27 11:00:00"));
        assertThat(refund.field("respcd")).as(refund.field("resperr")).isEqualTo("0000");
        assertThat(refund.field("cash_refund_fee")).isEqualTo("915");
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich"))
                .isEqualTo(io.qfgate.sandbox.SandboxConfig.BUYER_RICH.openingBalanceFen());
    }

    @Test
    void anUnpaidOrderIsQueriedAndClosedAtAlipayWhenItExpires() {
        Shop shop = shop();
        Answer created = shop.call("/trade/v1/payment", params("txamt", "300", "txcurrcd", "HKD", "pay_type", "801101",
                "out_trade_no", "expire-" + signType, "txdtm", "2026-11-27 10:00:00", "expired_time", "5"));
        String syssn = created.field("syssn");
        String wallet = shop.wallet(syssn); // the shopper opened it, so Alipay knows the trade

        gw.clock.advance(Duration.ofMinutes(6));

        assertThat(gw.gateway.payments().expireDue(100)).as("single_trade_query and close_trade answers checked")
                .isEqualTo(1);
        assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1181");
        assertThat(Wallet.pay(wallet, "buyer-rich")).as("closed at Alipay too").isNotEqualTo(303);
    }

    @Test
    void theSandboxPartnerKeepsItsKeysAcrossSwitches() {
        shop();
        SqlSandboxPartner partners = new SqlSandboxPartner(gw.gateway.database());
        SqlSandboxPartner.Partner now = partners.load().orElseThrow();
        assertThat(now.signType()).isEqualTo(signType);
        assertThat(now.toString()).doesNotContain(now.md5Key());

        SqlSandboxPartner.Partner rsa2 = partners.useSignType(SignType.RSA2, EmbeddedSandboxSignTypesTest::freshKeys);
        SqlSandboxPartner.Partner md5 = partners.useSignType(SignType.MD5, () -> {
            throw new AssertionError("MD5 needs no keys");
        });
        SqlSandboxPartner.Partner again = partners.useSignType(SignType.RSA2, EmbeddedSandboxSignTypesTest::freshKeys);

        assertThat(md5.signType()).isEqualTo(SignType.MD5);
        assertThat(again.rsa()).isEqualTo(rsa2.rsa()).isNotNull();
        assertThat(again.partner()).isEqualTo(now.partner());
    }

    static SqlSandboxPartner.RsaKeys freshKeys() {
        return SqlSandboxPartner.RsaKeys.of(AlipaySigner.newKeys(), AlipaySigner.newKeys());
    }
}
