package io.qfgate.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How payments and refunds come to be, and how they change. */
class TransactionTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 10, 0);
    static final App APP = new App(7, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Tea", "https://app.example/n", 100, 400);
    static final Merchant SHOP = new Merchant(9, 7, null, "Tea", "5812", Set.of(PayType.ALIPAY_ONLINE_WEB),
            Set.of(Currency.HKD), null, true);
    static final NewPayment ORDER = new NewPayment(300, Currency.HKD, PayType.ALIPAY_ONLINE_WEB, "o-1",
            "2026-11-27 10:00:00", ZoneOffset.ofHours(8), 15, "tea", "green", null, "dev-1", "https://shop.example/done",
            "https://shop.example/notify");
    static final Receipt RECEIPT = new Receipt(NOW, "2026112722001", "2088xxx", "0.9", 270L, Currency.CNY);

    static Transaction payment() {
        return Transaction.payment("20261127000000000000000001", NOW, APP, SHOP, ORDER);
    }

    static NewRefund refundOf(String origSyssn, long txamt, String notifyUrl) {
        return new NewRefund(origSyssn, "r-1", txamt, "2026-11-27 11:00:00", ZoneOffset.ofHours(9), null, "dev-2", notifyUrl);
    }

    @Test
    void aPaymentIsTheMerchantsOrderNotPaidYetExpiringAfterItsMinutes() {
        Transaction t = payment();

        assertThat(t.orderType()).isEqualTo(OrderType.PAYMENT);
        assertThat(t.appId()).isEqualTo(7);
        assertThat(t.merchantId()).isEqualTo(9);
        assertThat(t.origSyssn()).isNull();
        assertThat(t.respcd()).isEqualTo(Respcd.NOT_PAID_YET);
        assertThat(t.txzone()).isEqualTo("+0800");
        assertThat(t.sysdtm()).isEqualTo(NOW);
        assertThat(t.expiresAt()).isEqualTo(NOW.plusMinutes(15));
        assertThat(t.expiredMinutes()).isEqualTo(15);
        assertThat(t.requestDigest()).isEqualTo(ORDER.digest());
        assertThat(t.payUrl()).isNull();
        assertThat(t.receipt()).isNull();
        assertThat(t.refundedAmount()).isZero();
    }

    @Test
    void aRefundKeepsItsPaymentsPayTypeCurrencyAndGoodsAndIsProcessingUntilTheChannelAnswers() {
        Transaction paid = payment().succeeded(RECEIPT);
        Transaction r = Transaction.refund("20261127000000000000000002", NOW.plusHours(1), APP, paid,
                refundOf(paid.syssn(), 100, null));

        assertThat(r.orderType()).isEqualTo(OrderType.REFUND);
        assertThat(r.origSyssn()).isEqualTo(paid.syssn());
        assertThat(r.merchantId()).isEqualTo(paid.merchantId());
        assertThat(r.respcd()).isEqualTo(Respcd.PROCESSING);
        assertThat(r.txamt()).isEqualTo(100);
        assertThat(r.payType()).isEqualTo(paid.payType());
        assertThat(r.currency()).isEqualTo(paid.currency());
        assertThat(r.goodsName()).isEqualTo("tea");
        assertThat(r.goodsInfo()).isEqualTo("green");
        assertThat(r.udid()).isEqualTo("dev-2");
        assertThat(r.txzone()).isEqualTo("+0900");
        assertThat(r.expiresAt()).isNull();
        assertThat(r.expiredMinutes()).isNull();
        assertThat(r.returnUrl()).isNull();
        assertThat(r.payUrl()).isNull();
    }

    @Test
    void aRefundIsAnnouncedWhereItsRequestSaysElseWhereItsPaymentWas() {
        Transaction paid = payment().succeeded(RECEIPT);

        assertThat(Transaction.refund("20261127000000000000000002", NOW, APP, paid, refundOf(paid.syssn(), 1, null))
                .notifyUrl()).isEqualTo("https://shop.example/notify");
        assertThat(Transaction.refund("20261127000000000000000002", NOW, APP, paid,
                refundOf(paid.syssn(), 1, "https://shop.example/refunds")).notifyUrl()).isEqualTo("https://shop.example/refunds");
    }

    @Test
    void onlyAPaymentIsRefundedAndOnlyTheOneTheRequestNames() {
        Transaction paid = payment().succeeded(RECEIPT);
        Transaction refund = Transaction.refund("20261127000000000000000002", NOW, APP, paid, refundOf(paid.syssn(), 1, null));

        assertThatThrownBy(() -> Transaction.refund("20261127000000000000000003", NOW, APP, refund,
                refundOf(refund.syssn(), 1, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transaction.refund("20261127000000000000000003", NOW, APP, paid,
                refundOf("20261127000000000000000009", 1, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void succeedingSetsTheReceiptAndChangesNothingElse() {
        Transaction order = payment().withPayUrl("https://alipay.example/pay");
        Transaction paid = order.succeeded(RECEIPT);

        assertThat(paid.respcd()).isEqualTo(Respcd.SUCCESS);
        assertThat(paid.receipt()).isEqualTo(RECEIPT);
        assertThat(paid).usingRecursiveComparison().ignoringFields("respcd", "receipt").isEqualTo(order);
    }

    @Test
    void thePayUrlIsAllThatWithPayUrlChanges() {
        Transaction order = payment();

        assertThat(order.withPayUrl("https://alipay.example/pay").payUrl()).isEqualTo("https://alipay.example/pay");
        assertThat(order.withPayUrl("https://alipay.example/pay")).usingRecursiveComparison().ignoringFields("payUrl")
                .isEqualTo(order);
    }
}
