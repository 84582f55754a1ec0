package io.qfgate.server.domain;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One declaration of an Alipay payment to Chinese customs, as stored: the whole payment
 * ({@code subOrderNo} null) or one sub-order of a split order (with its {@code fees}). Amounts are
 * in fen (0.01 CNY), as customs declares them. {@code declareNo} is the channel's number for the
 * declaration once it has one; {@code reason} is why customs (or the channel) rejected it.
 * {@code pushes} counts how often it was sent to the channel.
 */
public record CustomsDeclaration(
        long appId,
        String paymentSyssn,
        String subOrderNo,
        String outRequestNo,
        String customs,
        String merchantCustomsNo,
        String merchantCustomsName,
        long amount,
        SubOrderFees fees,
        CustomsState state,
        String declareNo,
        String reason,
        int pushes,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    public CustomsDeclaration {
        Objects.requireNonNull(paymentSyssn, "paymentSyssn");
        Objects.requireNonNull(outRequestNo, "outRequestNo");
        Objects.requireNonNull(state, "state");
        if (amount <= 0) {
            throw new IllegalStateException("a declared amount is positive: " + outRequestNo);
        }
        if ((subOrderNo == null) != (fees == null)) {
            throw new IllegalStateException("exactly sub-orders carry fees: " + outRequestNo);
        }
    }

    /** A declaration about to be sent for the first time. */
    public static CustomsDeclaration fresh(long appId, NewDeclaration r, LocalDateTime now) {
        return new CustomsDeclaration(appId, r.syssn(), r.subOrderNo(), r.outRequestNo(), r.customs(),
                r.merchantCustomsNo(), r.merchantCustomsName(), r.amount(), r.fees(), CustomsState.PENDING,
                null, null, 0, now, now);
    }

    /** This declaration after one more push whose outcome is {@code outcome} (null: unknown, still pending). */
    public CustomsDeclaration pushed(CustomsChannel.Outcome outcome, LocalDateTime now) {
        CustomsDeclaration sent = new CustomsDeclaration(appId, paymentSyssn, subOrderNo, outRequestNo, customs,
                merchantCustomsNo, merchantCustomsName, amount, fees, state, declareNo, reason, pushes + 1,
                createdAt, now);
        return outcome == null ? sent.with(CustomsState.PENDING, declareNo, null, now) : sent.settled(outcome, now);
    }

    /** This declaration as the channel now reports it. */
    public CustomsDeclaration settled(CustomsChannel.Outcome outcome, LocalDateTime now) {
        return switch (outcome) {
            case CustomsChannel.Outcome.Accepted a -> with(CustomsState.ACCEPTED, a.declareNo(), null, now);
            case CustomsChannel.Outcome.Pending p -> with(CustomsState.PENDING,
                    p.declareNo() != null ? p.declareNo() : declareNo, null, now);
            case CustomsChannel.Outcome.Rejected r -> with(CustomsState.REJECTED, declareNo, r.reason(), now);
            case CustomsChannel.Outcome.Unknown u -> this;
        };
    }

    /** Whether {@code r} asks for exactly this declaration, so that repeating it is a replay. */
    public boolean sameAs(NewDeclaration r) {
        return outRequestNo.equals(r.outRequestNo()) && customs.equals(r.customs())
                && merchantCustomsNo.equals(r.merchantCustomsNo()) && merchantCustomsName.equals(r.merchantCustomsName())
                && amount == r.amount() && Objects.equals(fees, r.fees());
    }

    private CustomsDeclaration with(CustomsState newState, String newDeclareNo, String newReason, LocalDateTime now) {
        return new CustomsDeclaration(appId, paymentSyssn, subOrderNo, outRequestNo, customs, merchantCustomsNo,
                merchantCustomsName, amount, fees, newState, newDeclareNo, newReason, pushes, createdAt, now);
    }
}
