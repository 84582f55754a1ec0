package io.qfgate.server.domain;

import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a payment, top to bottom: an order is created, stored once per
 * {@code out_trade_no}, and handed to its channel for the URL the shopper pays at; the channel
 * reports the payment ({@link #recordPaid}); an order nobody paid expires ({@link #expireDue}); a
 * payment that arrives for an order closed or expired here is recorded and refunded in full.
 */
public final class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final Merchants merchants;
    private final Stores.Transactions transactions;
    private final Notice.Composer notices;
    private final RefundService refunds;
    private final Map<PayType, Channel> channels;
    private final Clock clock;
    private final ZoneOffset gatewayZone;

    public PaymentService(
            Merchants merchants,
            Stores.Transactions transactions,
            Notice.Composer notices,
            RefundService refunds,
            List<Channel> channels,
            Clock clock,
            ZoneOffset gatewayZone) {
        this.merchants = merchants;
        this.notices = notices;
        this.refunds = refunds;
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
        requireMinimum(request);
        Merchant merchant = merchants.resolveEnabled(app, request.mchid());
        Channel channel = channelFor(merchant, request);
        String digest = request.digest();

        // The insert itself tells a new order from a repeat: no read before it, one round trip for
        // the common case; the database's unique key decides.
        LocalDateTime now = now();
        Transaction order = Transaction.payment(transactions.nextSyssn(now.toLocalDate()), now, app, merchant, request);
        order = order.withPayUrl(requireStorable(channel.payUrl(order, merchant), request));

        if (transactions.insert(order)) {
            return order;
        }
        // This out_trade_no is taken (earlier, or by a concurrent request): a replay or a duplicate.
        Transaction winner = transactions.byOutTradeNo(merchant.id(), request.outTradeNo())
                .orElseThrow(() -> new IllegalStateException("out_trade_no conflict without a stored row"));
        return replay(winner, digest);
    }

    /** 801101 amounts in HKD must be above this many cents. */
    static final long MIN_801101_HKD = 100;

    /**
     * QFPay: an Alipay online WEB payment (801101) "must be greater than 1 HKD", through the API
     * and the hosted checkout alike. Only an HKD amount can be compared; other currencies would
     * need an exchange rate the gateway does not have.
     */
    private static void requireMinimum(NewPayment request) {
        if (request.payType() == PayType.ALIPAY_ONLINE_WEB && request.currency() == io.qfgate.protocol.Currency.HKD
                && request.txamt() <= MIN_801101_HKD) {
            throw Refusal.parameter("txamt", "must be greater than " + MIN_801101_HKD
                    + " (HKD 1.00) for pay_type 801101, got " + request.txamt());
        }
    }

    /**
     * The order this merchant already has under {@code request}'s out_trade_no, for the hosted
     * checkout: its link names no pay type (the shopper picks the wallet), so an order made from
     * the same link under any pay type is this request's, and a reload finds it instead of making
     * a second. An order that differs in anything else is a duplicate (1102), as in {@link #create}.
     */
    public Optional<Transaction> existing(App app, NewPayment request) {
        Merchant merchant = merchants.resolve(app, request.mchid());
        Optional<Transaction> stored = transactions.byOutTradeNo(merchant.id(), request.outTradeNo());
        stored.ifPresent(order -> replay(order, request.withPayType(order.payType()).digest()));
        return stored;
    }

    /**
     * A pay_url longer than its column cannot be stored; it is the merchant's text, percent-encoded
     * (up to 9 characters for one), that makes it long, so the longer of return_url and goods_name
     * is named.
     */
    private static String requireStorable(String payUrl, NewPayment request) {
        if (payUrl.length() <= Transaction.PAY_URL_MAX) {
            return payUrl;
        }
        String field = encodedLength(request.returnUrl()) >= encodedLength(request.goodsName()) ? "return_url" : "goods_name";
        throw Refusal.parameter(field, "too long for this order: the pay_url would have " + payUrl.length()
                + " characters, more than the " + Transaction.PAY_URL_MAX + " stored; shorten return_url or goods_name");
    }

    private static int encodedLength(String text) {
        return text == null ? 0 : java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).length();
    }

    /** How a channel's report that an order was paid was taken. */
    public enum PaidOutcome {
        /** The order is now successful (this report made it so). */
        RECORDED,
        /**
         * The order had been closed or expired here; the payment is now recorded on it and its
         * refund to the shopper under way (this report made it so).
         */
        RECORDED_LATE,
        /** The payment was already recorded; nothing changed. */
        ALREADY_RECORDED,
        /** No payment with this syssn. */
        UNKNOWN_ORDER,
        /** The report's amount or currency is not the order's: it is refused and nothing changes. */
        MISMATCH
    }

    /**
     * Records that the shopper paid. A payment succeeds once: the store changes only a payment
     * that is still pending, and a report whose amount or currency differs from the order changes
     * nothing. A payment for an order the gateway had closed or expired is not dropped: the money
     * has moved, so it is recorded and returned ({@link #recordLate}).
     */
    public PaidOutcome recordPaid(String syssn, ChannelStatus.Paid paid) {
        Transaction order = transactions.bySyssn(syssn).orElse(null);
        if (order == null || order.orderType() != OrderType.PAYMENT) {
            return PaidOutcome.UNKNOWN_ORDER;
        }
        if (paid.txamt() != order.txamt() || paid.currency() != order.currency()) {
            log.warn("payment report for {} says {} {} but the order is {} {}; ignored", syssn, paid.txamt(),
                    paid.currency(), order.txamt(), order.currency());
            return PaidOutcome.MISMATCH;
        }
        Receipt receipt = paid.receipt().timedOr(now());
        Notice notice = order.isPending() ? notices.forSuccess(order.succeeded(receipt)) : null;
        if (order.isPending() && transactions.markPaid(syssn, receipt, notice)) {
            if (notice != null) {
                notices.stored();
            }
            return PaidOutcome.RECORDED;
        }
        Transaction now = transactions.bySyssn(syssn).orElseThrow();
        return switch (now.respcd()) {
            case ORDER_CLOSED, ORDER_EXPIRED -> recordLate(now, receipt);
            case SUCCESS -> PaidOutcome.ALREADY_RECORDED;
            default -> throw new IllegalStateException("payment report for " + syssn + " in state " + now.respcd());
        };
    }

    /**
     * A payment for an order the gateway had closed or expired (at Alipay an order exists only once
     * the shopper opens its page, so closing it before cannot stop the payment): recorded with its
     * refund in full and the payment's notice in one database transaction, then refunded through
     * the channel. If that refund's outcome is unknown it stays pending (1145) and the refund sweep
     * ({@link RefundService#settlePending}) asks again.
     */
    private PaidOutcome recordLate(Transaction order, Receipt receipt) {
        Transaction paidLate = order.paidLate(receipt);
        LocalDateTime now = now();
        Transaction refund = Transaction.lateRefund(transactions.nextSyssn(now.toLocalDate()), now, paidLate);
        Notice notice = notices.forSuccess(paidLate);
        if (!transactions.markPaidLate(paidLate, refund, notice)) {
            return PaidOutcome.ALREADY_RECORDED; // a concurrent or earlier report recorded it
        }
        if (notice != null) {
            notices.stored();
        }
        log.warn("{} was paid after it was {} here; refunding it in full as {}", order.syssn(),
                order.respcd() == Respcd.ORDER_CLOSED ? "closed" : "expired", refund.syssn());
        refunds.carryOut(paidLate, refund);
        return PaidOutcome.RECORDED_LATE;
    }

    /**
     * Settles pending payments whose time is up, at most {@code batchSize} per call. The channel is
     * asked first: a payment it reports is recorded (its notification may have been lost), an
     * order still open there is closed there, and only then is the order expired here.
     *
     * @return how many orders were expired
     */
    public int expireDue(int batchSize) {
        int expired = 0;
        for (Transaction order : transactions.pendingDueBy(now(), batchSize)) {
            Channel channel = channels.get(order.payType());
            try {
                ChannelStatus status = channel.status(order);
                if (status instanceof ChannelStatus.Waiting) {
                    status = channel.close(order);
                }
                switch (status) {
                    case ChannelStatus.Paid paid -> recordPaid(order.syssn(), paid);
                    case ChannelStatus.Waiting waiting -> log.warn("{} is still open at the channel; retrying later", order.syssn());
                    case ChannelStatus.Closed closed -> expired += transactions.markExpired(order.syssn()) ? 1 : 0;
                    case ChannelStatus.Unknown unknown -> expired += transactions.markExpired(order.syssn()) ? 1 : 0;
                }
            } catch (RuntimeException e) {
                // One unreachable channel must not stop the sweep; this order is tried again next time.
                log.warn("cannot settle {} with its channel: {}", order.syssn(), e.toString());
            }
        }
        return expired;
    }

    /** Which payment a cancel names: its syssn, or else its out_trade_no. */
    public record CancelRequest(String syssn, String outTradeNo, long txamt, String mchid) {}

    /** A closed payment and the syssn of its cancel, the same however often it is cancelled. */
    public record Cancelled(Transaction order, String syssn) {}

    /**
     * Cancels (closes) a payment the shopper has not paid, at the channel first so that it can no
     * longer be paid there. If the shopper paid in the meantime the payment is recorded and the
     * cancel refused: one outcome, the same in the gateway and at the channel. Cancelling a closed
     * order again answers as the first time, with the same cancel syssn.
     */
    public Cancelled cancel(App app, CancelRequest request) {
        Merchant merchant = merchants.resolve(app, request.mchid());
        Transaction order = (request.syssn() != null
                ? transactions.bySyssn(request.syssn()).filter(t -> t.merchantId() == merchant.id())
                : transactions.byOutTradeNo(merchant.id(), request.outTradeNo()))
                .filter(t -> !t.isRefund())
                .orElseThrow(() -> new Refusal(Respcd.ORDER_NOT_FOUND, (request.syssn() != null
                        ? "syssn: no payment " + request.syssn()
                        : "out_trade_no: no payment " + request.outTradeNo()) + " for this merchant"));
        Optional<String> notCancellable = channels.get(order.payType()).whyNotCancellable(order);
        if (notCancellable.isPresent()) {
            throw new Refusal(Respcd.TRANSACTION_FORBIDDEN, "pay_type " + order.payType().code() + ": "
                    + notCancellable.get());
        }
        if (request.txamt() != order.txamt()) {
            throw new Refusal(Respcd.WRONG_AMOUNT, "txamt: " + request.txamt() + " is not the order's amount "
                    + order.txamt());
        }
        if (order.isPending()) {
            ChannelStatus status = closeAtChannel(order);
            switch (status) {
                case ChannelStatus.Paid paid -> recordPaid(order.syssn(), paid);
                case ChannelStatus.Closed closed -> transactions.markClosed(order.syssn());
                case ChannelStatus.Unknown unknown -> transactions.markClosed(order.syssn());
                case ChannelStatus.Waiting waiting -> throw new Refusal(Respcd.PROCESSING,
                        "the channel has not closed the order yet; try again");
            }
            order = transactions.bySyssn(order.syssn()).orElseThrow();
        }
        return switch (order.respcd()) {
            case ORDER_CLOSED -> new Cancelled(order,
                    transactions.cancelSyssn(order.syssn(), () -> transactions.nextSyssn(now().toLocalDate())));
            case SUCCESS -> throw new Refusal(Respcd.ALREADY_PAID,
                    "the shopper has paid " + order.syssn() + "; refund it with /trade/v1/refund instead");
            case ORDER_EXPIRED -> throw new Refusal(Respcd.ORDER_EXPIRED,
                    "order " + order.syssn() + " has expired; nothing to cancel");
            default -> throw new Refusal(order.respcd(), "order " + order.syssn() + " cannot be cancelled now");
        };
    }

    /**
     * The channel's close. When the channel cannot be reached, or answers what cannot be believed,
     * nothing changes here: the order stays open (1143) and the cancel answers 1145 ("in
     * progress"), so that the merchant queries it or cancels again. Asking again is safe: closing
     * a closed order at the channel answers that it is closed.
     */
    private ChannelStatus closeAtChannel(Transaction order) {
        try {
            return channels.get(order.payType()).close(order);
        } catch (Refusal refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            log.warn("cancel of {}: the channel's close failed ({}); the order stays open", order.syssn(), e.toString());
            throw new Refusal(Respcd.PROCESSING, "the payment channel could not be reached (or its answer could not be"
                    + " verified), so order " + order.syssn() + " is still open; cancel again or query it later");
        }
    }

    /** Attaches the merchant's remark to one of its transactions. Only merchant apps, per QFPay. */
    public Transaction addNote(App app, String syssn, String note) {
        if (app.isAgent()) {
            throw new Refusal(Respcd.REQUEST_PARAMETER_ERROR, "add_note is only for apps without mchid (merchant apps)");
        }
        Merchant merchant = merchants.resolve(app, null);
        Transaction t = transactions.bySyssn(syssn).filter(x -> x.merchantId() == merchant.id())
                .orElseThrow(() -> new Refusal(Respcd.ORDER_NOT_FOUND, "syssn: no transaction " + syssn + " for this app"));
        transactions.setNote(t.syssn(), note);
        return transactions.bySyssn(syssn).orElseThrow();
    }

    private LocalDateTime now() {
        return QfTime.now(clock, gatewayZone);
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

    static Map<PayType, Channel> byPayType(List<Channel> channels) {
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
