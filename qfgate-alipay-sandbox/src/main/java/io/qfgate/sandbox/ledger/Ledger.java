package io.qfgate.sandbox.ledger;

import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Buyer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The sandbox's Alipay books: trades by partner and {@code out_trade_no}, and the buyers' CNY
 * balances. In memory, thread-safe: each trade changes under its own lock, each balance by
 * compare-and-set, so a payment debits exactly once and a refund credits exactly once.
 */
public final class Ledger {
    private record Key(String partnerId, String number) {}

    private final Clock clock;
    private final Map<Currency, BigDecimal> cnyRates;
    private final Duration retention;
    private final Consumer<OrderView> onPaid;
    private final TradeNumbers numbers = new TradeNumbers();

    private final ConcurrentMap<Key, Order> byOutTradeNo = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Order> byTradeNo = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Order> byToken = new ConcurrentHashMap<>();
    // out_return_no is unique per partner, across all of its trades.
    private final ConcurrentMap<Key, Order> refundOwners = new ConcurrentHashMap<>();
    private final Map<String, Buyer> buyers = new LinkedHashMap<>();
    private final Map<String, AtomicLong> balances = new ConcurrentHashMap<>();

    /**
     * @param onPaid called once per trade, under the trade's lock, the moment it is paid: the
     *               notification is queued in the same step as the payment, so none is lost
     */
    public Ledger(Clock clock, Map<Currency, BigDecimal> cnyRates, Collection<Buyer> buyers, Duration retention,
            Consumer<OrderView> onPaid) {
        this.clock = clock;
        this.cnyRates = Map.copyOf(cnyRates);
        this.retention = retention;
        this.onPaid = onPaid;
        for (Buyer buyer : buyers) {
            if (this.buyers.putIfAbsent(buyer.login(), buyer) != null) {
                throw new IllegalArgumentException("two buyers log in as " + buyer.login());
            }
            balances.put(buyer.login(), new AtomicLong(buyer.openingBalanceFen()));
        }
    }

    public List<Buyer> buyers() {
        return List.copyOf(buyers.values());
    }

    public Optional<Buyer> buyer(String login) {
        return Optional.ofNullable(login).map(buyers::get);
    }

    public long balanceFen(String login) {
        AtomicLong balance = balances.get(login);
        if (balance == null) {
            throw new IllegalArgumentException("no sandbox buyer " + login);
        }
        return balance.get();
    }

    private Optional<BigDecimal> cnyRate(Currency currency) {
        return Optional.ofNullable(cnyRates.get(currency));
    }

    /**
     * Opens the trade, or finds it again when the merchant repeats the same {@code out_trade_no}
     * for the same money (the shopper reloading the cashier page does exactly that).
     */
    public OrderView open(OrderTerms terms) throws MapiException {
        BigDecimal rate = cnyRate(terms.currency()).orElseThrow(() -> new MapiException(ErrorCode.ILLEGAL_ARGUMENT,
                "currency " + terms.currency() + " has no CNY rate in this sandbox"));
        Instant now = clock.instant();
        Instant expiresAt = (terms.gmtCreate() != null ? terms.gmtCreate() : now).plus(terms.validity());
        Order order = byOutTradeNo.computeIfAbsent(new Key(terms.partnerId(), terms.outTradeNo()), key -> {
            if (!now.isBefore(expiresAt)) {
                return null; // not stored: refused below
            }
            Order fresh = new Order(terms, numbers.tradeNo(now), numbers.token(), rate,
                    Money.cnyFen(terms.totalMinor(), terms.currency(), rate), now, expiresAt);
            byTradeNo.put(fresh.tradeNo, fresh);
            byToken.put(fresh.walletToken, fresh);
            return fresh;
        });
        if (order == null) {
            throw new MapiException(ErrorCode.TRADE_HAS_CLOSED,
                    "order_gmt_create + order_valid_time is already past: the order expired before it was opened");
        }
        if (!order.terms.sameMoneyAs(terms)) {
            throw new MapiException(ErrorCode.DUPLICATE_OUT_TRADE_NO, "out_trade_no " + terms.outTradeNo()
                    + " was already used with total_fee " + order.terms.currency().toMajor(order.terms.totalMinor())
                    + " " + order.terms.currency());
        }
        // A closed or expired order is shown as such (the pages tell the shopper), not refused.
        return view(order);
    }

    public Optional<OrderView> byToken(String token) {
        return Optional.ofNullable(token).map(byToken::get).map(this::view);
    }

    /** The partner's trade by {@code out_trade_no} or, when that is blank, by {@code trade_no}. */
    public Optional<OrderView> find(String partnerId, String outTradeNo, String tradeNo) {
        return locate(partnerId, outTradeNo, tradeNo).map(this::view);
    }

    public PayOutcome pay(String walletToken, String buyerLogin) {
        Order order = byToken.get(walletToken);
        Buyer buyer = buyers.get(buyerLogin);
        if (order == null || buyer == null) {
            throw new IllegalArgumentException("no such order or buyer");
        }
        order.lock.lock();
        try {
            Instant now = clock.instant();
            order.expireIfDue(now);
            switch (order.status()) {
                case TRADE_CLOSED -> {
                    return new PayOutcome.Closed(order.view(now));
                }
                case TRADE_FINISHED -> {
                    return order.payer().equals(buyer)
                            ? new PayOutcome.Paid(order.view(now), false)
                            : new PayOutcome.PaidByAnother(order.view(now));
                }
                case WAIT_BUYER_PAY -> {
                    AtomicLong balance = balances.get(buyer.login());
                    if (!debit(balance, order.cnyFen)) {
                        return new PayOutcome.InsufficientBalance(order.view(now), balance.get());
                    }
                    order.markPaid(buyer, now);
                    OrderView paid = order.view(now);
                    onPaid.accept(paid);
                    return new PayOutcome.Paid(paid, true);
                }
                default -> throw new IllegalStateException("unknown status " + order.status());
            }
        } finally {
            order.lock.unlock();
        }
    }

    /** {@code close_trade}: an unpaid trade closes (again: no error); a paid one cannot. */
    public OrderView close(String partnerId, String outTradeNo, String tradeNo) throws MapiException {
        Order order = locate(partnerId, outTradeNo, tradeNo)
                .orElseThrow(() -> new MapiException(ErrorCode.TRADE_NOT_EXIST, "no such trade for this partner"));
        order.lock.lock();
        try {
            Instant now = clock.instant();
            order.expireIfDue(now);
            switch (order.status()) {
                case TRADE_FINISHED -> throw new MapiException(ErrorCode.TRADE_STATUS_NOT_AVAILD,
                        "the trade is paid and cannot be closed; refund it with forex_refund");
                case WAIT_BUYER_PAY -> order.close(CloseReason.CLOSED_BY_MERCHANT, now);
                case TRADE_CLOSED -> { }
            }
            return order.view(now);
        } finally {
            order.lock.unlock();
        }
    }

    /**
     * {@code forex_refund}: gives the buyer back the CNY pro rata. Repeating an
     * {@code out_return_no} with the same amount answers the first refund again without paying
     * twice.
     */
    public Refund refund(String partnerId, String outTradeNo, String outReturnNo, long amountMinor, Currency currency,
            String reason) throws MapiException {
        Order order = locate(partnerId, outTradeNo, null).orElseThrow(() -> new MapiException(
                ErrorCode.PURCHASE_TRADE_NOT_EXIST, "no trade " + outTradeNo + " for this partner"));
        order.lock.lock();
        try {
            Refund earlier = order.refund(outReturnNo);
            if (earlier != null) {
                if (earlier.amountMinor() != amountMinor) {
                    throw new MapiException(ErrorCode.DUPLICATE_OUT_RETURN_NO,
                            "out_return_no " + outReturnNo + " already refunded another amount");
                }
                return earlier;
            }
            if (order.status() != TradeStatus.TRADE_FINISHED) {
                throw new MapiException(ErrorCode.TRADE_STATUS_NOT_AVAILD, "only a paid trade can be refunded");
            }
            if (currency != order.terms.currency()) {
                throw new MapiException(ErrorCode.CURRENCY_NOT_SAME,
                        "the trade is in " + order.terms.currency() + ", the refund in " + currency);
            }
            long refundedAfter = order.refundedMinor() + amountMinor;
            if (refundedAfter > order.terms.totalMinor()) {
                throw new MapiException(ErrorCode.RETURN_AMOUNT_EXCEED, "return_amount exceeds what is left to refund: "
                        + currency.toMajor(order.terms.totalMinor() - order.refundedMinor()) + " " + currency);
            }
            Order owner = refundOwners.putIfAbsent(new Key(partnerId, outReturnNo), order);
            if (owner != null && owner != order) {
                throw new MapiException(ErrorCode.DUPLICATE_OUT_RETURN_NO,
                        "out_return_no " + outReturnNo + " was used for another trade");
            }
            long cnyBack = Money.proRataFen(order.cnyFen, refundedAfter, order.terms.totalMinor())
                    - order.refundedCnyFen();
            Refund refund = new Refund(outReturnNo, amountMinor, cnyBack, reason, clock.instant());
            order.addRefund(refund);
            balances.get(order.payer().login()).addAndGet(cnyBack);
            return refund;
        } finally {
            order.lock.unlock();
        }
    }

    /** Closes the unpaid trades past their validity, and forgets finished ones idle too long. */
    public void sweep() {
        Instant now = clock.instant();
        for (Order order : byOutTradeNo.values()) {
            order.lock.lock();
            try {
                order.expireIfDue(now);
                if (order.status() != TradeStatus.WAIT_BUYER_PAY
                        && order.lastChange().plus(retention).isBefore(now)) {
                    forget(order);
                }
            } finally {
                order.lock.unlock();
            }
        }
    }

    private void forget(Order order) {
        byOutTradeNo.remove(new Key(order.terms.partnerId(), order.terms.outTradeNo()));
        byTradeNo.remove(order.tradeNo);
        byToken.remove(order.walletToken);
        order.refunds().forEach(r -> refundOwners.remove(new Key(order.terms.partnerId(), r.outReturnNo())));
    }

    private Optional<Order> locate(String partnerId, String outTradeNo, String tradeNo) {
        Order order = outTradeNo != null && !outTradeNo.isEmpty()
                ? byOutTradeNo.get(new Key(partnerId, outTradeNo))
                : tradeNo == null ? null : byTradeNo.get(tradeNo);
        // A trade number of another partner is as good as unknown.
        return Optional.ofNullable(order).filter(o -> o.terms.partnerId().equals(partnerId));
    }

    private OrderView view(Order order) {
        order.lock.lock();
        try {
            return order.view(clock.instant());
        } finally {
            order.lock.unlock();
        }
    }

    private static boolean debit(AtomicLong balance, long fen) {
        while (true) {
            long current = balance.get();
            if (current < fen) {
                return false;
            }
            if (balance.compareAndSet(current, current - fen)) {
                return true;
            }
        }
    }
}
