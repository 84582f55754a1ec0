package io.qfgate.sandbox.ledger;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Alipay-looking identifiers. */
final class TradeNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.ofHours(8));
    private static final long SEQUENCE_BOUND = 10_000_000_000_000_000L;

    private final SecureRandom random = new SecureRandom();
    // Starts at a random point so that two sandbox runs are unlikely to reuse numbers.
    private final AtomicLong sequence = new AtomicLong(Math.floorMod(random.nextLong(), SEQUENCE_BOUND / 2));

    /** 28 digits like Alipay's: the Beijing date, {@code 2200}, then 16 digits. */
    String tradeNo(Instant now) {
        return DAY.format(now) + "2200" + String.format("%016d", sequence.getAndIncrement() % SEQUENCE_BOUND);
    }

    /** An unguessable token, so that a wallet URL cannot be derived from an order number. */
    String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
