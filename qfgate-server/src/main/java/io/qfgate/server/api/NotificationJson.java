package io.qfgate.server.api;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Notice;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merchant notification (docs/api.md, Merchant notifications): a flat JSON object of strings in
 * QFPay's field order, written as Python's {@code json.dumps} writes it, sent to the order's
 * {@code notify_url} (a refund's own, else its payment's), else the merchant's, else the app's.
 */
public final class NotificationJson implements Notice.Composer {
    private final Stores.Apps apps;
    private final Clock clock;
    private final ZoneOffset gatewayZone;
    private final Runnable onStored;

    /** @param onStored told when a notice was committed, to send it without waiting for the next poll */
    public NotificationJson(Stores.Apps apps, Clock clock, ZoneOffset gatewayZone, Runnable onStored) {
        this.apps = apps;
        this.clock = clock;
        this.gatewayZone = gatewayZone;
        this.onStored = onStored;
    }

    @Override
    public void stored() {
        onStored.run();
    }

    @Override
    public Notice forSuccess(Transaction t) {
        App app = apps.byId(t.appId()).orElseThrow();
        Merchant merchant = apps.merchantById(t.merchantId()).orElseThrow();
        String url = firstOf(t.notifyUrl(), merchant.notifyUrl(), app.notifyUrl());
        if (url == null) {
            return null;
        }
        LocalDateTime now = QfTime.now(clock, gatewayZone);
        return new Notice(app.id(), t.syssn(), t.orderType().dbName(), url, body(t, merchant), now);
    }

    /**
     * The fields in the order of QFPay's documented notice, absent values as its sample shows them
     * (empty strings; {@code cash_fee} {@code 0}); {@code mchid} only for agents. Refunds add what
     * went back to the wallet ({@code cash_refund_fee…}, documented among the notice's fields) and
     * {@code origssn}, the payment refunded.
     */
    static String body(Transaction t, Merchant merchant) {
        Receipt r = t.receipt();
        Map<String, String> b = new LinkedHashMap<>();
        b.put("status", "1");
        b.put("pay_type", t.payType().code());
        b.put("sysdtm", QfTime.format(t.sysdtm()));
        b.put("paydtm", TransactionJson.time(r.paydtm()));
        b.put("goods_name", TransactionJson.text(t.goodsName()));
        b.put("txcurrcd", t.currency().name());
        b.put("txdtm", t.txdtm());
        if (merchant.mchid() != null) {
            b.put("mchid", merchant.mchid());
        }
        b.put("txamt", Long.toString(t.txamt()));
        b.put("exchange_rate", TransactionJson.text(r.exchangeRate()));
        b.put("chnlsn2", "");
        b.put("out_trade_no", t.outTradeNo());
        b.put("syssn", t.syssn());
        b.put("cash_fee_type", t.isRefund() ? "" : cashCurrency(r));
        b.put("cancel", Integer.toString(t.cancel()));
        b.put("respcd", t.respcd().code());
        b.put("goods_info", TransactionJson.text(t.goodsInfo()));
        b.put("cash_fee", t.isRefund() || r.cashFee() == null ? "0" : Long.toString(r.cashFee()));
        b.put("notify_type", t.orderType().dbName());
        b.put("chnlsn", TransactionJson.text(r.chnlsn()));
        b.put("cardcd", TransactionJson.text(r.cardcd()));
        if (t.isRefund()) {
            b.put("cash_refund_fee", r.cashFee() == null ? "" : Long.toString(r.cashFee()));
            b.put("cash_refund_fee_type", cashCurrency(r));
            b.put("origssn", t.origSyssn());
        }
        return PythonJson.dumps(b);
    }

    /**
     * A test notice, as the portal sends it: shaped like a payment's notice of the merchant, with
     * an all-zero {@code syssn}, {@code out_trade_no} {@code TEST-NOTICE}, and an extra field
     * {@code "test": "1"} a merchant's server can check, so that no order is ever taken as paid.
     */
    public static String testBody(Merchant merchant, LocalDateTime now) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("status", "1");
        b.put("pay_type", "801101");
        b.put("sysdtm", QfTime.format(now));
        b.put("paydtm", QfTime.format(now));
        b.put("goods_name", "qfgate test notification");
        b.put("txcurrcd", merchant.currencies().stream().sorted().findFirst().map(Enum::name).orElse("HKD"));
        b.put("txdtm", QfTime.format(now));
        if (merchant.mchid() != null) {
            b.put("mchid", merchant.mchid());
        }
        b.put("txamt", "1");
        b.put("out_trade_no", "TEST-NOTICE");
        b.put("syssn", "0".repeat(26));
        b.put("cancel", "0");
        b.put("respcd", "0000");
        b.put("notify_type", "payment");
        b.put("test", "1");
        return PythonJson.dumps(b);
    }

    private static String cashCurrency(Receipt r) {
        return r.cashFeeType() == null ? "" : r.cashFeeType().name();
    }

    private static String firstOf(String... urls) {
        for (String url : urls) {
            if (url != null && !url.isBlank()) {
                return url;
            }
        }
        return null;
    }
}
