package io.qfgate.sandbox.ledger;

import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Buyer;
import io.qfgate.sandbox.store.Notice;
import io.qfgate.sandbox.store.SandboxStore;
import io.qfgate.sandbox.store.StoredTrade;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sandbox's Alipay rules over its books: opening, paying, closing, refunding and expiring
 * trades, kept in a {@link SandboxStore}. The ledger holds no state of its own; each change is
 * one atomic step of the store whose conditions (still unpaid, balance enough, refunded amount
 * unchanged) are checked where it is written, so a payment debits exactly once and a refund
 * credits exactly once, however many threads or nodes share the store.
 */
public final class Ledger {
    private final Clock clock;
    private final Map<Currency, BigDecimal> cnyRates;
    private final Duration retention;
    private final SandboxStore store;
    private final Function<OrderView, Notice> noticeOf;
    private final Consumer<OrderView> onPaid;
    private final TradeNumbers numbers = new TradeNumbers();
    private final Map<String, Buyer> buyers = new LinkedHashMap<>();

    /**
     * @param noticeOf the notification a just-paid trade owes (null for none): stored in the same
     *                 step as the payment, so none is lost
     * @param onPaid   called after a payment is stored
     */
    public Ledger(Clock clock, Map<Currency, BigDecimal> cnyRates, Collection<Buyer> buyers, Duration retention,
            SandboxStore store, Function<OrderView, Notice> noticeOf, Consumer<OrderView> onPaid) {
        this.clock = clock;
        this.cnyRates = Map.copyOf(cnyRates);
        this.retention = retention;
        this.store = store;
        this.noticeOf = noticeOf;
        this.onPaid = onPaid;
        for (Buyer buyer : buyers) {
            if (this.buyers.putIfAbsent(buyer.login(), buyer) != null) {
                throw new IllegalArgumentException("two buyers log in as " + buyer.login());
            }
        }
        store.seedBuyers(buyers);
    }

    public List<Buyer> buyers() {
        return List.copyOf(buyers.values());
    }

    public Optional<Buyer> buyer(String login) {
        return Optional.ofNullable(login).map(buyers::get);
    }

    public long balanceFen(String login) {
        return store.balanceFen(login).orElseThrow(() -> new IllegalArgumentException("no sandbox buyer " + login));
    }

    /**
     * Opens the trade, or finds it again when the merchant repeats the same {@code out_trade_no}
     * for the same money (the shopper reloading the cashier page does exactly that).
     */
    public OrderView open(OrderTerms terms) throws MapiException {
        BigDecimal rate = Optional.ofNullable(cnyRates.get(terms.currency())).orElseThrow(() -> new MapiException(
                ErrorCode.ILLEGAL_ARGUMENT, "currency " + terms.currency() + " has no CNY rate in this sandbox"));
        Instant now = clock.instant();
        Instant expiresAt = (terms.gmtCreate() != null ? terms.gmtCreate() : now).plus(terms.validity());
        Optional<StoredTrade> known = store.byOutTradeNo(terms.partnerId(), terms.outTradeNo());
        if (known.isEmpty() && !now.isBefore(expiresAt)) {
            throw new MapiException(ErrorCode.TRADE_HAS_CLOSED,
                    "order_gmt_create + order_valid_time is already past: the order expired before it was opened");
        }
        StoredTrade trade = known.orElseGet(() -> store.insertOrGet(StoredTrade.opened(terms, numbers.tradeNo(now),
                numbers.token(), rate, Money.cnyFen(terms.totalMinor(), terms.currency(), rate), now, expiresAt)));
        if (!trade.terms().sameMoneyAs(terms)) {
            throw new MapiException(ErrorCode.DUPLICATE_OUT_TRADE_NO, "out_trade_no " + terms.outTradeNo()
                    + " was already used with total_fee " + trade.terms().currency().toMajor(trade.terms().totalMinor())
                    + " " + trade.terms().currency());
        }
        // A closed or expired order is shown as such (the pages tell the shopper), not refused.
        return view(trade, now);
    }

    public Optional<OrderView> byToken(String token) {
        return Optional.ofNullable(token).flatMap(store::byToken).map(t -> view(t, clock.instant()));
    }

    /** The partner's trade by {@code out_trade_no} or, when that is blank, by {@code trade_no}. */
    public Optional<OrderView> find(String partnerId, String outTradeNo, String tradeNo) {
        return locate(partnerId, outTradeNo, tradeNo).map(t -> view(t, clock.instant()));
    }

    public PayOutcome pay(String walletToken, String buyerLogin) {
        Buyer buyer = buyers.get(buyerLogin);
        StoredTrade trade = Optional.ofNullable(walletToken).flatMap(store::byToken).orElse(null);
        if (trade == null || buyer == null) {
            throw new IllegalArgumentException("no such order or buyer");
        }
        Instant now = clock.instant();
        OrderView before = view(trade, now);
        switch (before.status()) {
            case TRADE_CLOSED -> {
                return new PayOutcome.Closed(before);
            }
            case TRADE_FINISHED -> {
                return buyer.equals(before.payer()) ? new PayOutcome.Paid(before, false)
                        : new PayOutcome.PaidByAnother(before);
            }
            case WAIT_BUYER_PAY -> {
                OrderView paid = view(trade.paidBy(buyer.login(), now), now);
                switch (store.pay(trade.tradeNo(), buyer.login(), trade.cnyFen(), now, noticeOf.apply(paid))) {
                    case PAID -> {
                        onPaid.accept(paid);
                        return new PayOutcome.Paid(paid, true);
                    }
                    case INSUFFICIENT_BALANCE -> {
                        return new PayOutcome.InsufficientBalance(before, balanceFen(buyer.login()));
                    }
                    // Paid or closed meanwhile, here or on another node: answer as it now is.
                    case NOT_PAYABLE -> {
                        return pay(walletToken, buyerLogin);
                    }
                    default -> throw new IllegalStateException("unknown pay result");
                }
            }
            default -> throw new IllegalStateException("unknown status " + before.status());
        }
    }

    /** {@code close_trade}: an unpaid trade closes (again: no error); a paid one cannot. */
    public OrderView close(String partnerId, String outTradeNo, String tradeNo) throws MapiException {
        StoredTrade trade = locate(partnerId, outTradeNo, tradeNo)
                .orElseThrow(() -> new MapiException(ErrorCode.TRADE_NOT_EXIST, "no such trade for this partner"));
        Instant now = clock.instant();
        if (view(trade, now).payable()) {
            store.close(trade.tradeNo(), CloseReason.CLOSED_BY_MERCHANT, now);
        }
        // As it now is: closed by us, or paid or closed meanwhile by someone else.
        OrderView current = find(partnerId, null, trade.tradeNo()).orElseThrow(() -> new MapiException(
                ErrorCode.TRADE_NOT_EXIST, "no such trade for this partner"));
        if (current.status() == TradeStatus.TRADE_FINISHED) {
            throw new MapiException(ErrorCode.TRADE_STATUS_NOT_AVAILD,
                    "the trade is paid and cannot be closed; refund it with forex_refund");
        }
        return current;
    }

    /**
     * {@code forex_refund}: gives the buyer back the CNY pro rata. Repeating an
     * {@code out_return_no} with the same amount answers the first refund again without paying
     * twice. A trade changed meanwhile (another refund, on this node or another) is read again.
     */
    public Refund refund(String partnerId, String outTradeNo, String outReturnNo, long amountMinor, Currency currency,
            String reason) throws MapiException {
        while (true) {
            StoredTrade trade = locate(partnerId, outTradeNo, null).orElseThrow(() -> new MapiException(
                    ErrorCode.PURCHASE_TRADE_NOT_EXIST, "no trade " + outTradeNo + " for this partner"));
            Optional<SandboxStore.RefundEntry> earlier = store.refundByOutReturnNo(partnerId, outReturnNo);
            if (earlier.isPresent() && earlier.get().tradeNo().equals(trade.tradeNo())) {
                if (earlier.get().refund().amountMinor() != amountMinor) {
                    throw new MapiException(ErrorCode.DUPLICATE_OUT_RETURN_NO,
                            "out_return_no " + outReturnNo + " already refunded another amount");
                }
                return earlier.get().refund();
            }
            checkRefundable(trade, amountMinor, currency);
            if (earlier.isPresent()) {
                throw new MapiException(ErrorCode.DUPLICATE_OUT_RETURN_NO,
                        "out_return_no " + outReturnNo + " was used for another trade");
            }
            long cnyBack = Money.proRataFen(trade.cnyFen(), trade.refundedMinor() + amountMinor,
                    trade.terms().totalMinor()) - trade.refundedCnyFen();
            Refund refund = new Refund(outReturnNo, amountMinor, cnyBack, reason, clock.instant());
            if (store.refund(partnerId, trade.tradeNo(), trade.refundedMinor(), trade.payerLogin(), refund)
                    == SandboxStore.RefundResult.APPLIED) {
                return refund;
            }
        }
    }

    private static void checkRefundable(StoredTrade trade, long amountMinor, Currency currency) throws MapiException {
        if (trade.status() != TradeStatus.TRADE_FINISHED) {
            throw new MapiException(ErrorCode.TRADE_STATUS_NOT_AVAILD, "only a paid trade can be refunded");
        }
        Currency tradeCurrency = trade.terms().currency();
        if (currency != tradeCurrency) {
            throw new MapiException(ErrorCode.CURRENCY_NOT_SAME,
                    "the trade is in " + tradeCurrency + ", the refund in " + currency);
        }
        if (trade.refundedMinor() + amountMinor > trade.terms().totalMinor()) {
            throw new MapiException(ErrorCode.RETURN_AMOUNT_EXCEED, "return_amount exceeds what is left to refund: "
                    + currency.toMajor(trade.terms().totalMinor() - trade.refundedMinor()) + " " + currency);
        }
    }

    /**
     * Closes the unpaid trades past their validity, and forgets finished ones idle too long. Both
     * are conditional writes, so nodes sweeping the same books at once do each thing once.
     */
    public void sweep() {
        Instant now = clock.instant();
        store.expireDue(now);
        store.forgetSettledBefore(now.minus(retention));
    }

    private Optional<StoredTrade> locate(String partnerId, String outTradeNo, String tradeNo) {
        Optional<StoredTrade> trade = outTradeNo != null && !outTradeNo.isEmpty()
                ? store.byOutTradeNo(partnerId, outTradeNo)
                : Optional.ofNullable(tradeNo).flatMap(store::byTradeNo);
        // A trade number of another partner is as good as unknown.
        return trade.filter(t -> t.terms().partnerId().equals(partnerId));
    }

    /**
     * The trade as callers see it at {@code now}: an unpaid trade past its validity reads closed
     * (expired) even before the sweep has written it so.
     */
    private OrderView view(StoredTrade t, Instant now) {
        boolean expired = t.status() == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(t.expiresAt());
        List<Refund> refunds = t.refundedMinor() == 0 ? List.of() : store.refunds(t.tradeNo());
        return new OrderView(t.terms(), t.tradeNo(), t.walletToken(), t.cnyRate(), t.cnyFen(), t.createdAt(),
                t.expiresAt(), expired ? TradeStatus.TRADE_CLOSED : t.status(),
                expired ? CloseReason.EXPIRED : t.closeReason(),
                t.payerLogin() == null ? null : buyers.get(t.payerLogin()), t.paidAt(),
                expired ? t.expiresAt() : t.closedAt(), t.refundedMinor(), t.refundedCnyFen(), refunds);
    }
}
