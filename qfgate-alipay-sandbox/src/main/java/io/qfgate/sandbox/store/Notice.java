package io.qfgate.sandbox.store;

import java.util.Map;

/**
 * An asynchronous notification the sandbox owes a merchant: its business parameters (without
 * {@code notify_time} and the signature, added per attempt) and how many attempts were made.
 */
public record Notice(String notifyId, String partnerId, String url, Map<String, String> params, int attempts) {
    public Notice {
        params = Map.copyOf(params);
    }
}
