package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an operator may set on an app or a merchant, checked the same way on the command line and
 * in the operators' console. A bad value is refused with an {@link Invalid} naming its field.
 */
public final class MerchantRules {
    /** The longest app or merchant name. */
    public static final int MAX_NAME = 128;

    private MerchantRules() {}

    /** A refused value: {@code field} is the setting's name (as the command line spells it, without dashes). */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new Invalid("name", "must have 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    public static String mcc(String mcc) {
        if (mcc == null || !mcc.matches("\\d{4}")) {
            throw new Invalid("mcc", "must be 4 digits");
        }
        return mcc;
    }

    /** Pay type codes, each one that a channel of this gateway carries. */
    public static Set<PayType> payTypes(String[] codes, Set<PayType> carried) {
        Set<PayType> types = Arrays.stream(codes).map(String::strip).filter(code -> !code.isEmpty())
                .map(code -> PayType.of(code).filter(carried::contains)
                        .orElseThrow(() -> new Invalid("pay-types", "no channel carries pay type " + code)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PayType.class)));
        if (types.isEmpty()) {
            throw new Invalid("pay-types", "name at least one pay type");
        }
        return types;
    }

    public static Set<Currency> currencies(String[] codes) {
        Set<Currency> currencies = Arrays.stream(codes).map(String::strip).filter(code -> !code.isEmpty())
                .map(code -> Currency.of(code)
                        .orElseThrow(() -> new Invalid("currencies", "unknown currency " + code)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Currency.class)));
        if (currencies.isEmpty()) {
            throw new Invalid("currencies", "name at least one currency");
        }
        return currencies;
    }

    /** A rate limit: calls per second or per minute, at least 1. */
    public static int rate(String field, int value) {
        if (value <= 0 || value > 1_000_000) {
            throw new Invalid(field, "must be between 1 and 1000000");
        }
        return value;
    }
}
