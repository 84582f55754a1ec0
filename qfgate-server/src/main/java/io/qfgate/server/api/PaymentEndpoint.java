package io.qfgate.server.api;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.NotifyTargets;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import java.time.ZoneOffset;
import java.util.Map;

/** {@code POST /trade/v1/payment}: QFPay's payment fields in, its flat answer out (docs/api.md, POST /trade/v1/payment). */
public final class PaymentEndpoint implements SignedApi.Endpoint {
    private final PaymentService payments;
    private final NotifyTargets targets;

    /** @param targets where this node delivers notifications: a notify_url it would refuse is refused here */
    public PaymentEndpoint(PaymentService payments, NotifyTargets targets) {
        this.payments = payments;
        this.targets = targets;
    }

    @Override
    public Map<String, Object> handle(SignedApi.Call call) {
        Transaction order = payments.create(call.app(), read(new Fields(call.params()), targets));
        return answer(order);
    }

    static NewPayment read(Fields f, NotifyTargets targets) {
        long txamt = f.positiveInteger("txamt", 11);
        String currencyCode = f.required("txcurrcd", 3);
        Currency currency = Currency.of(currencyCode)
                .orElseThrow(() -> Refusal.parameter("txcurrcd", "unknown currency " + currencyCode));
        String payTypeCode = f.required("pay_type", 6);
        PayType payType = PayType.of(payTypeCode)
                .orElseThrow(() -> Refusal.parameter("pay_type", "unknown pay type " + payTypeCode));
        String outTradeNo = f.required("out_trade_no", 128);
        String txdtm = f.txdtm();
        ZoneOffset txzone = f.txzone();
        int expiredMinutes = expiredMinutes(f.optional("expired_time", 3));
        // QFPay's limit; the channel may have a tighter one (Alipay's 200), checked when it makes the pay_url.
        String returnUrl = f.optionalUrl("return_url", 512);
        return new NewPayment(
                txamt,
                currency,
                payType,
                outTradeNo,
                txdtm,
                txzone,
                expiredMinutes,
                f.optional("goods_name", 64),
                f.optional("goods_info", 1024),
                f.optional("mchid", 16),
                f.optional("udid", 40),
                returnUrl,
                f.optionalNotifyUrl("notify_url", 256, targets));
    }

    private static int expiredMinutes(String text) {
        if (text == null) {
            return NewPayment.DEFAULT_EXPIRED_MINUTES;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.parameter("expired_time", "must be a whole number of minutes, got " + text);
        }
        int minutes = Integer.parseInt(text);
        if (minutes < NewPayment.MIN_EXPIRED_MINUTES || minutes > NewPayment.MAX_EXPIRED_MINUTES) {
            throw Refusal.parameter("expired_time", "must be between " + NewPayment.MIN_EXPIRED_MINUTES + " and "
                    + NewPayment.MAX_EXPIRED_MINUTES + " minutes, got " + minutes);
        }
        return minutes;
    }

    /**
     * QFPay's payment answer. {@code paydtm} repeats {@code sysdtm} until the payment happens, as
     * QFPay's example answer does (docs/api.md, POST /trade/v1/payment). A repeat of an order that
     * was closed or expired answers that state and no pay_url: the shopper can no longer pay it.
     */
    static Map<String, Object> answer(Transaction t) {
        String gone = switch (t.respcd()) {
            case ORDER_CLOSED -> " was closed";
            case ORDER_EXPIRED -> " has expired";
            default -> null;
        };
        boolean payable = gone == null;
        Map<String, Object> a = payable ? SignedApi.success() : SignedApi.error(new Refusal(t.respcd(),
                "out_trade_no: order " + t.syssn() + gone + " and can no longer be paid; use a new out_trade_no"));
        String sysdtm = QfTime.format(t.sysdtm());
        a.put("syssn", t.syssn());
        a.put("out_trade_no", t.outTradeNo());
        a.put("pay_type", t.payType().code());
        a.put("txamt", Long.toString(t.txamt()));
        a.put("txcurrcd", t.currency().name());
        a.put("txdtm", t.txdtm());
        a.put("sysdtm", sysdtm);
        a.put("paydtm", t.receipt() == null ? sysdtm : QfTime.format(t.receipt().paydtm()));
        a.put("udid", nullToEmpty(t.udid()));
        a.put("cardcd", t.receipt() == null ? "" : t.receipt().cardcd());
        a.put("chnlsn", t.receipt() == null ? "" : t.receipt().chnlsn());
        a.put("pay_url", payable ? t.payUrl() : "");
        return a;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
