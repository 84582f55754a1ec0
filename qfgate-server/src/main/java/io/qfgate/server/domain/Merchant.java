package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import java.util.Set;

/** The business that receives the money, with what it may accept. */
public record Merchant(
        long id,
        long appId,
        String mchid,
        String name,
        String mcc,
        Set<PayType> payTypes,
        Set<Currency> currencies,
        String notifyUrl,
        boolean enabled) {

    public Merchant {
        payTypes = Set.copyOf(payTypes);
        currencies = Set.copyOf(currencies);
    }
}
