package io.qfgate.server.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a merchant notification stands: waiting for (another) attempt, delivered, or given up
 * after the last retry. Each state's code is the word stored in {@code notifications.state} (and
 * typed by operators), which the schema's CHECK constraint also lists; a test keeps the two alike.
 */
public enum NoticeState {
    PENDING("pending"),
    DELIVERED("delivered"),
    FAILED("failed");

    private final String code;

    NoticeState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The state with this code, or empty for a word that is none. */
    public static Optional<NoticeState> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
