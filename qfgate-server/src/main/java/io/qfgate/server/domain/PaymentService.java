package io.qfgate.server.domain;

import io.qfgate.protocol.Hex;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of a payment, top to bottom. Today: an order is created, stored once per
 * {@code out_trade_no}, and handed to its channel for the URL the shopper pays at.
 */
public final class PaymentService {
    private final Stores.Apps apps;
    private final Stores.Transactions transactions;
    private final Map<PayType, Channel> channels;
    private final Clock clock;
    private final ZoneOffset gatewayZone;

    public PaymentService(
            Stores.Apps apps,
            Stores.Transactions transactions,
            List<Channel> channels,
            Clock clock,
            ZoneOffset gatewayZone) {
        this.apps = apps;
        this.transactions = transactions;
        this.channels = byPayType(channels);
        this.clock = clock;
        this.gatewayZone = gatewayZone;
    }

    /**
     * Creates the order, or returns the one this merchant already has under the same
     * {@code out_trade_no} if the request is the same; a different request is a duplicate (1102).
     */
    public Transaction create(App app, NewPayment request) {
        Merchant merchant = merchantFor(app, request.mchid());
        Channel channel = channelFor(merchant, request);
        String digest = digest(request);

        Optional<Transaction> existing = transactions.byOutTradeNo(merchant.id(), request.outTradeNo());
        if (existing.isPresent()) {
            return replay(existing.get(), digest);
        }

        LocalDateTime now = LocalDateTime.now(clock.withZone(gatewayZone)).truncatedTo(ChronoUnit.SECONDS);
        Transaction order = new Transaction(
                transactions.nextSyssn(now.toLocalDate()),
                app.id(),
                merchant.id(),
                Transaction.PAYMENT,
                request.outTradeNo(),
                request.payType(),
                request.txamt(),
                request.currency(),
                request.txdtm(),
                QfTime.formatZone(request.txzone()),
                now,
                null,
                now.plusMinutes(request.expiredMinutes()),
                Respcd.NOT_PAID_YET,
                request.goodsName(),
                request.goodsInfo(),
                request.udid(),
                request.returnUrl(),
                request.notifyUrl(),
                request.expiredMinutes(),
                null,
                null,
                null,
                digest);
        order = order.withPayUrl(channel.payUrl(order, merchant));

        if (transactions.insert(order)) {
            return order;
        }
        // A concurrent request with the same out_trade_no won the insert; answer as a replay of it.
        Transaction winner = transactions.byOutTradeNo(merchant.id(), request.outTradeNo())
                .orElseThrow(() -> new IllegalStateException("out_trade_no conflict without a stored row"));
        return replay(winner, digest);
    }

    private Merchant merchantFor(App app, String mchid) {
        Merchant merchant;
        if (app.isAgent()) {
            if (mchid == null) {
                throw Refusal.parameter("mchid", "required: this app is an agent, name the sub-merchant");
            }
            merchant = apps.merchantByMchid(app.id(), mchid)
                    .orElseThrow(() -> Refusal.parameter("mchid", "no sub-merchant " + mchid + " under this app"));
        } else {
            if (mchid != null) {
                throw Refusal.parameter("mchid", "must not be sent: this app has no sub-merchants");
            }
            merchant = apps.merchantOfApp(app.id())
                    .orElseThrow(() -> new Refusal(Respcd.STORE_NOT_CONFIGURED, "this app has no merchant configured"));
        }
        if (!merchant.enabled()) {
            throw new Refusal(Respcd.STORE_DISABLED, "merchant " + merchant.name() + " is disabled");
        }
        return merchant;
    }

    private Channel channelFor(Merchant merchant, NewPayment request) {
        PayType payType = request.payType();
        Channel channel = channels.get(payType);
        if (channel == null) {
            throw new Refusal(Respcd.TRANSACTION_FORBIDDEN,
                    "pay_type: " + payType.code() + " (" + payType.description() + ") is not carried by this gateway");
        }
        if (!merchant.payTypes().contains(payType)) {
            throw new Refusal(Respcd.TRANSACTION_FORBIDDEN,
                    "pay_type: " + payType.code() + " is not enabled for this merchant");
        }
        if (!merchant.currencies().contains(request.currency())) {
            throw new Refusal(Respcd.TRANSACTION_FORBIDDEN,
                    "txcurrcd: " + request.currency() + " is not enabled for this merchant");
        }
        return channel;
    }

    private static Transaction replay(Transaction stored, String digest) {
        if (!stored.requestDigest().equals(digest)) {
            throw new Refusal(Respcd.DUPLICATE_REQUEST,
                    "out_trade_no: " + stored.outTradeNo() + " was already used for a different order");
        }
        return stored;
    }

    /**
     * Fingerprint of what defines the order. {@code txdtm} and {@code udid} are left out: a client
     * retrying after a timeout may stamp a new time, and that is still the same order.
     */
    static String digest(NewPayment r) {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {
            r.txamt(), r.currency(), r.payType().code(), r.mchid(), QfTime.formatZone(r.txzone()),
            r.expiredMinutes(), r.goodsName(), r.goodsInfo(), r.returnUrl(), r.notifyUrl()
        }) {
            String value = field == null ? "\u0000" : field.toString();
            // Length-prefixed so that no two different field lists give the same text.
            text.append(value.length()).append(':').append(value).append(';');
        }
        return Hex.lower(Hex.digest("SHA-256", text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<PayType, Channel> byPayType(List<Channel> channels) {
        var map = new java.util.EnumMap<PayType, Channel>(PayType.class);
        for (Channel channel : channels) {
            for (PayType payType : channel.payTypes()) {
                if (map.putIfAbsent(payType, channel) != null) {
                    throw new IllegalArgumentException("two channels claim pay_type " + payType.code());
                }
            }
        }
        return map;
    }
}
