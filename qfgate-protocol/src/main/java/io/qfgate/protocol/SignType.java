package io.qfgate.protocol;

import java.util.Locale;
import java.util.Optional;

/** The hash a QFPay request or response signature uses (header {@code X-QF-SIGNTYPE}). */
public enum SignType {
    MD5("MD5"),
    SHA256("SHA-256");

    private final String jcaName;

    SignType(String jcaName) {
        this.jcaName = jcaName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Header value as clients send it; absent means MD5 (the docs' default). */
    public static Optional<SignType> fromHeader(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(MD5);
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "MD5" -> Optional.of(MD5);
            case "SHA256", "SHA-256" -> Optional.of(SHA256);
            default -> Optional.empty();
        };
    }
}
