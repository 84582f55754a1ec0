package io.qfgate.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant (or an agent's sub-merchant) of a test gateway: signed calls, and orders that a
 * sandbox buyer has paid for real through the wallet.
 */
final class Shop {
    private static final AtomicInteger ORDERS = new AtomicInteger();

    final TestGateway gw;
    final String appCode;
    final String clientKey;
    final String mchid;

    Shop(TestGateway gw, String appCode, String clientKey, String mchid) {
        this.gw = gw;
        this.appCode = appCode;
        this.clientKey = clientKey;
        this.mchid = mchid;
    }

    static Shop merchant(TestGateway gw) {
        return new Shop(gw, gw.demo().merchant().app_code(), gw.demo().merchant().client_key(), null);
    }

    static Shop agent(TestGateway gw) {
        var a = gw.demo().agent();
        return new Shop(gw, a.app_code(), a.client_key(), a.mchid());
    }

    /** A signed POST; the shop's mchid is added when it has one and the call does not name one. */
    Answer call(String path, Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>(params);
        if (mchid != null) {
            p.putIfAbsent("mchid", mchid);
        }
        return gw.post(path, p, appCode, clientKey);
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** Creates an order and returns its syssn. */
    String order(long txamt, String currency, String payType) {
        Answer a = call("/trade/v1/payment", params("txamt", Long.toString(txamt), "txcurrcd", currency,
                "pay_type", payType, "out_trade_no", "order-" + ORDERS.incrementAndGet(), "txdtm", "2026-11-27 10:00:00"));
        assertThat(a.field("respcd")).as(a.field("resperr")).isEqualTo("0000");
        return a.field("syssn");
    }

    /** The wallet URL the order's cashier page leads to (opening it tells Alipay about the order). */
    String wallet(String syssn) {
        return Wallet.open(stored(syssn).payUrl());
    }

    static int pay(String walletUrl, String buyer) {
        return Wallet.pay(walletUrl, buyer);
    }

    /** An order paid by buyer-rich, once the gateway has recorded the success. */
    String paidOrder(long txamt, String currency) {
        String syssn = order(txamt, currency, "801101");
        assertThat(pay(wallet(syssn), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(syssn).respcd().code().equals("0000"));
        return syssn;
    }

    Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }
}
