package io.qfgate.sandbox;

import io.qfgate.protocol.Currency;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the sandbox is started with.
 *
 * @param clock              the sandbox's time: order expiry and notification retries follow it
 * @param partners           the acquirer accounts allowed to call {@code gateway.do}
 * @param buyers             the shoppers who can log in to the wallet, with their CNY balances
 * @param cnyRates           CNY for one major unit of each order currency (1 HKD = 0.9150 CNY)
 * @param notifyRetryDelays  waits between notification attempts after a failed one; the
 *                           notification is given up after the last
 * @param notifyTimeout      connect and answer timeout of one notification attempt
 * @param publicBaseUrl      scheme, host and port shoppers reach the sandbox at (for the URL in
 *                           the QR code); null to take it from each request's Host
 * @param orderRetention     paid or closed orders idle this long are forgotten, so a long-running
 *                           sandbox does not grow without bound
 * @param alipayKeys         the key pair the sandbox signs with as Alipay for RSA2 partners (its
 *                           public key is "Alipay's public key" to them); null: a new pair is made
 *                           at start when a partner uses RSA2
 */
public record SandboxConfig(
        Clock clock,
        List<Partner> partners,
        List<Buyer> buyers,
        Map<Currency, BigDecimal> cnyRates,
        List<Duration> notifyRetryDelays,
        Duration notifyTimeout,
        String publicBaseUrl,
        Duration orderRetention,
        KeyPair alipayKeys) {

    /** Alipay's documented resend frequency: 2m, 10m, 10m, 1h, 2h, 6h, 15h (8 sends in 25 h). */
    public static final List<Duration> ALIPAY_RETRY_DELAYS = List.of(
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    /** Plenty for any test order: a million yuan. */
    public static final Buyer BUYER_RICH = new Buyer("buyer-rich", "2088000000000001", 100_000_000L);
    /** One yuan: paying almost anything fails with "insufficient balance". */
    public static final Buyer BUYER_POOR = new Buyer("buyer-poor", "2088000000000002", 100L);
    /** Has money but, by convention, never pays: the account for expiry and cancel tests. */
    public static final Buyer BUYER_IDLE = new Buyer("buyer-idle", "2088000000000003", 1_000_000L);

    public SandboxConfig {
        Objects.requireNonNull(clock, "clock");
        partners = List.copyOf(partners);
        buyers = List.copyOf(buyers);
        cnyRates = Map.copyOf(cnyRates);
        notifyRetryDelays = List.copyOf(notifyRetryDelays);
        Objects.requireNonNull(notifyTimeout, "notifyTimeout");
        Objects.requireNonNull(orderRetention, "orderRetention");
        if (publicBaseUrl != null && !publicBaseUrl.matches("https?://[^/?#\\s]+")) {
            throw new IllegalArgumentException("publicBaseUrl must be scheme://host[:port], got " + publicBaseUrl);
        }
        cnyRates.forEach((currency, rate) -> {
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("the CNY rate of " + currency + " must be positive");
            }
        });
    }

    /** The seeded buyers, the default rates and Alipay's retry schedule, for these partners. */
    public static SandboxConfig defaults(Clock clock, List<Partner> partners) {
        return new SandboxConfig(clock, partners, List.of(BUYER_RICH, BUYER_POOR, BUYER_IDLE), defaultCnyRates(),
                ALIPAY_RETRY_DELAYS, Duration.ofSeconds(10), null, Duration.ofDays(7), null);
    }

    public SandboxConfig withPublicBaseUrl(String baseUrl) {
        return new SandboxConfig(clock, partners, buyers, cnyRates, notifyRetryDelays, notifyTimeout, baseUrl,
                orderRetention, alipayKeys);
    }

    /** Signs as Alipay with these keys, so that RSA2 merchants can keep Alipay's public key across restarts. */
    public SandboxConfig withAlipayKeys(KeyPair keys) {
        return new SandboxConfig(clock, partners, buyers, cnyRates, notifyRetryDelays, notifyTimeout, publicBaseUrl,
                orderRetention, keys);
    }

    /**
     * Fixed, round-ish rates (CNY per major unit) so that amounts in tests are predictable; they
     * are not market rates.
     */
    public static Map<Currency, BigDecimal> defaultCnyRates() {
        Map<Currency, BigDecimal> rates = new EnumMap<>(Currency.class);
        rates.put(Currency.CNY, new BigDecimal("1"));
        rates.put(Currency.HKD, new BigDecimal("0.9150"));
        rates.put(Currency.USD, new BigDecimal("7.1800"));
        rates.put(Currency.EUR, new BigDecimal("7.8000"));
        rates.put(Currency.JPY, new BigDecimal("0.048000"));
        rates.put(Currency.SGD, new BigDecimal("5.3500"));
        rates.put(Currency.THB, new BigDecimal("0.2000"));
        rates.put(Currency.MYR, new BigDecimal("1.5500"));
        rates.put(Currency.AUD, new BigDecimal("4.7000"));
        rates.put(Currency.CAD, new BigDecimal("5.2000"));
        rates.put(Currency.AED, new BigDecimal("1.9500"));
        rates.put(Currency.IDR, new BigDecimal("0.000450"));
        rates.put(Currency.MMK, new BigDecimal("0.003400"));
        return rates;
    }
}
