package io.qfgate.server.domain;

import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a refund: checked against its payment, its amount reserved against what is still
 * refundable (one conditional update in the database, so concurrent refunds can never add up to
 * more than was paid), carried out with the channel, then done or given back.
 */
public final class RefundService {
    private static final Logger log = LoggerFactory.getLogger(RefundService.class);

    private final Merchants merchants;
    private final Stores.Transactions transactions;
    private final Notice.Composer notices;
    private final Map<io.qfgate.protocol.PayType, Channel> channels;
    private final Clock clock;
    private final ZoneOffset gatewayZone;

    public RefundService(Merchants merchants, Stores.Transactions transactions, Notice.Composer notices,
            List<Channel> channels, Clock clock, ZoneOffset gatewayZone) {
        this.merchants = merchants;
        this.notices = notices;
        this.transactions = transactions;
        this.channels = PaymentService.byPayType(channels);
        this.clock = clock;
        this.gatewayZone = gatewayZone;
    }

    /**
     * Refunds part or all of a successful payment. Repeating a refund (same {@code out_trade_no},
     * payment and amount) returns it as it stands; reusing the {@code out_trade_no} otherwise is a
     * duplicate. The answer is the refund transaction: success, refused (1155), or still being
     * confirmed with the channel (1145) when the channel could not be reached.
     */
    public Transaction refund(App app, NewRefund request) {
        // A disabled merchant may still give shoppers their money back.
        Merchant merchant = merchants.resolve(app, request.mchid());
        Transaction payment = transactions.bySyssn(request.origSyssn())
                .filter(t -> t.merchantId() == merchant.id() && !t.isRefund())
                .orElseThrow(() -> new Refusal(Respcd.ORDER_NOT_FOUND,
                        "syssn: no payment " + request.origSyssn() + " for this merchant"));
        String digest = request.digest();

        Optional<Transaction> existing = transactions.byOutTradeNo(merchant.id(), request.outTradeNo());
        if (existing.isPresent()) {
            return replay(existing.get(), digest);
        }
        if (payment.respcd() != Respcd.SUCCESS) {
            throw new Refusal(Respcd.NOT_PAID, "syssn: payment " + payment.syssn() + " has not succeeded ("
                    + payment.respcd().code() + " " + payment.respcd().meaning() + "); only successful payments can be refunded");
        }

        LocalDateTime now = now();
        Transaction refund = Transaction.refund(transactions.nextSyssn(now.toLocalDate()), now, app, payment, request);

        switch (transactions.reserveRefund(refund)) {
            case RESERVED -> { }
            case EXCEEDS_REFUNDABLE -> {
                long refundable = transactions.bySyssn(payment.syssn()).orElseThrow().refundable();
                if (refundable == 0) {
                    // QFPay's 1125 "transaction has been refunded already"; 1272 is for more than a remainder.
                    throw new Refusal(Respcd.ALREADY_REFUNDED_1125, "syssn: payment " + payment.syssn()
                            + " has been refunded in full (counting refunds still being confirmed); nothing is left to refund");
                }
                throw new Refusal(Respcd.REFUND_EXCEEDS_REFUNDABLE, "txamt: " + request.txamt()
                        + " is more than the " + refundable + " still refundable of payment " + payment.syssn());
            }
            case DUPLICATE_OUT_TRADE_NO -> {
                // A concurrent request with this out_trade_no stored first; answer as its replay.
                return replay(transactions.byOutTradeNo(merchant.id(), request.outTradeNo()).orElseThrow(), digest);
            }
        }
        return carryOut(payment, refund);
    }

    /**
     * Tries again the refunds whose outcome is unknown (the channel could not be reached). The
     * channel refunds once per refund syssn, so asking again is safe.
     *
     * @return how many refunds were settled (done or refused)
     */
    public int settlePending(int batchSize) {
        int settled = 0;
        for (Transaction refund : transactions.pendingRefunds(batchSize)) {
            Transaction payment = transactions.bySyssn(refund.origSyssn()).orElseThrow();
            settled += carryOut(payment, refund).respcd() != Respcd.PROCESSING ? 1 : 0;
        }
        return settled;
    }

    /** Refunds with the channel a refund already stored pending; the answer is the refund as it then is. */
    Transaction carryOut(Transaction payment, Transaction refund) {
        Channel.RefundOutcome outcome;
        try {
            outcome = channels.get(payment.payType()).refund(payment, refund);
        } catch (RuntimeException e) {
            log.warn("refund {} of {}: outcome unknown ({}); will ask the channel again", refund.syssn(),
                    payment.syssn(), e.toString());
            return refund;
        }
        switch (outcome) {
            case Channel.RefundOutcome.Refunded done -> {
                Receipt receipt = done.receipt().timedOr(now());
                Notice notice = notices.forSuccess(refund.succeeded(receipt));
                if (transactions.completeRefund(refund.syssn(), receipt, notice) && notice != null) {
                    notices.stored();
                }
            }
            case Channel.RefundOutcome.Refused refused -> transactions.failRefund(refund, refused.reason());
        }
        Transaction settled = transactions.bySyssn(refund.syssn()).orElseThrow();
        Transaction paymentNow = transactions.bySyssn(payment.syssn()).orElseThrow();
        // Read back and assert the money invariant where it was written.
        if (paymentNow.refundedAmount() > paymentNow.txamt()) {
            throw new IllegalStateException("payment " + payment.syssn() + " over-refunded");
        }
        return settled;
    }

    private static Transaction replay(Transaction stored, String digest) {
        if (!stored.requestDigest().equals(digest)) {
            throw new Refusal(Respcd.DUPLICATE_REQUEST,
                    "out_trade_no: " + stored.outTradeNo() + " was already used for a different transaction");
        }
        return stored;
    }

    private LocalDateTime now() {
        return QfTime.now(clock, gatewayZone);
    }
}
