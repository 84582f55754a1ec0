package io.qfgate.sandbox.web;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.sandbox.ledger.ErrorCode;
import io.qfgate.sandbox.ledger.MapiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and checks MAPI request parameters. Every refusal is {@code ILLEGAL_ARGUMENT} with the
 * parameter's name and what is wrong with it.
 */
final class Fields {
    /** Plain decimals only: no sign, no exponent, at most two decimals (no currency has more). */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");

    private final Map<String, String> params;

    Fields(Map<String, String> params) {
        this.params = params;
    }

    /** The value, or null when absent or empty (Alipay ignores empty parameters). */
    String optional(String name, int maxLength) throws MapiException {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw illegal(name, "is longer than " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw illegal(name, "contains control characters");
        }
        return value;
    }

    String required(String name, int maxLength) throws MapiException {
        String value = optional(name, maxLength);
        if (value == null) {
            throw illegal(name, "is missing");
        }
        return value;
    }

    Currency currency(String name) throws MapiException {
        String code = required(name, 3);
        return Currency.of(code).orElseThrow(() -> illegal(name, "'" + code + "' is not a supported currency"));
    }

    /** A positive amount in major units with at most the currency's digits, as minor units. */
    long amount(String name, Currency currency) throws MapiException {
        String text = required(name, 13);
        if (!AMOUNT.matcher(text).matches()) {
            throw illegal(name, "'" + text + "' is not an amount like 12.30");
        }
        long minor;
        try {
            minor = currency.toMinor(text);
        } catch (ArithmeticException e) {
            throw illegal(name, "'" + text + "' has more decimals than " + currency + " allows ("
                    + currency.minorDigits() + ")");
        }
        if (minor <= 0) {
            throw illegal(name, "must be greater than zero");
        }
        return minor;
    }

    /** An absolute http(s) URL, as Alipay needs to call or redirect to it. */
    String url(String name, int maxLength) throws MapiException {
        String value = optional(name, maxLength);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw illegal(name, "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw illegal(name, "is not a URL: " + e.getReason());
        }
        return value;
    }

    /** A time written {@code yyyy-MM-dd HH:mm:ss} in Beijing time (GMT+8), as Alipay writes them. */
    Instant beijingTime(String name) throws MapiException {
        String value = optional(name, 19);
        if (value == null) {
            return null;
        }
        LocalDateTime local = QfTime.parse(value)
                .orElseThrow(() -> illegal(name, "'" + value + "' is not a time like 2026-01-31 13:45:00"));
        return local.toInstant(QfTime.DEFAULT_ZONE);
    }

    /** A whole number within bounds, or {@code fallback} when absent. */
    long number(String name, long min, long max, long fallback) throws MapiException {
        String value = optional(name, 19);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw illegal(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw illegal(name, "'" + value + "' is not a whole number");
        }
    }

    /** One of the allowed values, or null when absent. */
    String oneOf(String name, String... allowed) throws MapiException {
        String value = optional(name, 64);
        if (value == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw illegal(name, "must be one of " + String.join(", ", allowed));
    }

    void absent(String name, String why) throws MapiException {
        if (optional(name, Integer.MAX_VALUE) != null) {
            throw illegal(name, why);
        }
    }

    static MapiException illegal(String name, String problem) {
        return new MapiException(ErrorCode.ILLEGAL_ARGUMENT, name + " " + problem);
    }
}
