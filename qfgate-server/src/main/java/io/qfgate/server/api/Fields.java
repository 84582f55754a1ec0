package io.qfgate.server.api;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.NotifyTargets;
import io.qfgate.server.domain.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reading request fields by their QFPay names, each refusal naming the field. */
final class Fields {
    private final Map<String, String> params;

    Fields(Map<String, String> params) {
        this.params = params;
    }

    String required(String name, int maxLength) {
        String value = optional(name, maxLength);
        if (value == null) {
            throw Refusal.parameter(name, "required");
        }
        return value;
    }

    /** Null when absent or empty: QFPay clients send empty strings for fields they don't use. */
    String optional(String name, int maxLength) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw Refusal.parameter(name, "longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw Refusal.parameter(name, "contains control characters");
            }
        }
        return value;
    }

    /** A positive whole number of at most {@code maxDigits} digits, e.g. {@code txamt} Int(11). */
    long positiveInteger(String name, int maxDigits) {
        String value = required(name, maxDigits + 1);
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() > maxDigits) {
            throw Refusal.parameter(name, "must be a whole number of at most " + maxDigits + " digits, got " + value);
        }
        long number = Long.parseLong(value);
        if (number <= 0) {
            throw Refusal.parameter(name, "must be greater than 0");
        }
        return number;
    }

    /** {@code txdtm}: the merchant's local time, {@code YYYY-MM-DD hh:mm:ss}, kept as sent. */
    String txdtm() {
        String txdtm = required("txdtm", 20);
        if (QfTime.parse(txdtm).isEmpty()) {
            throw Refusal.parameter("txdtm", "must be a real time written YYYY-MM-DD hh:mm:ss, got " + txdtm);
        }
        return txdtm;
    }

    /** {@code txzone} like {@code +0800}; Beijing time when absent, as the docs say. */
    ZoneOffset txzone() {
        String text = optional("txzone", 5);
        return text == null ? QfTime.DEFAULT_ZONE : QfTime.parseZone(text)
                .orElseThrow(() -> Refusal.parameter("txzone", "must be an offset like +0800, got " + text));
    }

    /** An optional time {@code YYYY-MM-DD hh:mm:ss}. */
    LocalDateTime optionalTime(String name) {
        String text = optional(name, 19);
        return text == null ? null : QfTime.parse(text)
                .orElseThrow(() -> Refusal.parameter(name, "must be a real time written YYYY-MM-DD hh:mm:ss, got " + text));
    }

    /** An optional whole number in [min, max], or the default when absent. */
    int optionalInt(String name, int min, int max, int defaultValue) {
        String text = optional(name, 9);
        if (text == null) {
            return defaultValue;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.parameter(name, "must be a whole number, got " + text);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw Refusal.parameter(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A comma-separated list, each item at most {@code maxItemLength}, at most {@code maxItems} items. */
    List<String> list(String name, int maxItems, int maxItemLength) {
        String text = optional(name, maxItems * (maxItemLength + 1));
        if (text == null) {
            return List.of();
        }
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (items.size() > maxItems) {
            throw Refusal.parameter(name, "at most " + maxItems + " values");
        }
        for (String item : items) {
            if (item.isEmpty() || item.length() > maxItemLength) {
                throw Refusal.parameter(name, "each value must have 1 to " + maxItemLength + " characters");
            }
        }
        return items;
    }

    /**
     * An optional {@code notify_url}: an absolute http(s) URL that this node would also deliver
     * to (allowed port, public address unless the node allows private ones), so that a merchant
     * learns of a bad URL now rather than by missing notifications.
     */
    String optionalNotifyUrl(String name, int maxLength, NotifyTargets targets) {
        String value = optionalUrl(name, maxLength);
        if (value != null) {
            targets.problemWith(value).ifPresent(problem -> {
                throw Refusal.parameter(name, "the gateway would not send notifications there: " + problem);
            });
        }
        return value;
    }

    /** An absolute http(s) URL, as return and notification targets must be. */
    String optionalUrl(String name, int maxLength) {
        String value = optional(name, maxLength);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw Refusal.parameter(name, "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw Refusal.parameter(name, "is not a valid URL");
        }
        return value;
    }
}
