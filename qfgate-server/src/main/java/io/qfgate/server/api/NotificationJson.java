package io.qfgate.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Notice;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merchant notification of SPEC §6: a flat JSON object of strings, sent to the order's
 * {@code notify_url}, else the merchant's, else the app's.
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
        LocalDateTime now = LocalDateTime.now(clock.withZone(gatewayZone)).truncatedTo(ChronoUnit.SECONDS);
        return new Notice(app.id(), t.syssn(), t.orderType().dbName(), url, body(t, merchant), now);
    }

    static String body(Transaction t, Merchant merchant) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("status", "1");
        b.put("notify_type", t.orderType().dbName());
        b.put("pay_type", t.payType().code());
        b.put("syssn", t.syssn());
        b.put("out_trade_no", t.outTradeNo());
        b.put("txamt", Long.toString(t.txamt()));
        b.put("txcurrcd", t.currency().name());
        b.put("txdtm", t.txdtm());
        b.put("sysdtm", QfTime.format(t.sysdtm()));
        b.put("paydtm", TransactionJson.time(t.receipt().paydtm()));
        b.put("cancel", Integer.toString(t.cancel()));
        b.put("respcd", t.respcd().code());
        b.put("goods_name", TransactionJson.text(t.goodsName()));
        b.put("goods_info", TransactionJson.text(t.goodsInfo()));
        b.put("chnlsn", TransactionJson.text(t.receipt().chnlsn()));
        b.put("chnlsn2", "");
        b.put("cardcd", TransactionJson.text(t.receipt().cardcd()));
        b.put("exchange_rate", TransactionJson.text(t.receipt().exchangeRate()));
        TransactionJson.putCash(b, t);
        if (merchant.mchid() != null) {
            b.put("mchid", merchant.mchid());
        }
        if (t.isRefund()) {
            b.put("origssn", t.origSyssn());
        }
        try {
            return Json.MAPPER.writeValueAsString(b);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
