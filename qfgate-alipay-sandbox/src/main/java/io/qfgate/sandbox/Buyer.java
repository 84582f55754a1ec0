package io.qfgate.sandbox;

import java.util.Objects;

/**
 * A shopper's sandbox wallet: the login name typed in the wallet, the Alipay user id
 * ({@code 2088…}, reported as {@code buyer_id}) and the opening CNY balance in fen.
 */
public record Buyer(String login, String userId, long openingBalanceFen) {
    public Buyer {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(userId, "userId");
        if (openingBalanceFen < 0) {
            throw new IllegalArgumentException("a balance cannot be negative: " + login);
        }
    }
}
