package io.qfgate.server.api;

import io.qfgate.server.domain.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
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
