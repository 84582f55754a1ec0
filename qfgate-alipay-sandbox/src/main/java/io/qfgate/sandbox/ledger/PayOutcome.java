package io.qfgate.sandbox.ledger;

/** What pressing "Pay" in the wallet did. */
public sealed interface PayOutcome {
    OrderView order();

    /** Paid by this buyer; {@code justNow} is false when this press repeated an earlier payment. */
    record Paid(OrderView order, boolean justNow) implements PayOutcome {}

    /** Someone else paid the order first; nothing was debited. */
    record PaidByAnother(OrderView order) implements PayOutcome {}

    /** The buyer's CNY balance is below the order's CNY price; the order stays payable. */
    record InsufficientBalance(OrderView order, long balanceFen) implements PayOutcome {}

    /** Closed by the merchant or expired: it can no longer be paid. */
    record Closed(OrderView order) implements PayOutcome {}
}
