package io.qfgate.server.domain;

import io.qfgate.protocol.PayType;
import java.util.Set;

/**
 * A payment network that declares its payments to Chinese customs (Alipay's customs service).
 * {@link CustomsService} knows only this port.
 */
public interface CustomsChannel {

    /** The pay types whose payments this channel can declare. */
    Set<PayType> payTypes();

    /**
     * Sends the declaration of {@code payment} (again, if it was sent before: the channel knows it
     * by its {@code outRequestNo}). Throws if the outcome is unknown (the channel could not be
     * reached); the declaration then stays pending and a query asks again.
     */
    Outcome declare(Transaction payment, CustomsDeclaration declaration);

    /** What became of a declaration sent before. Throws if the channel cannot be reached. */
    Outcome status(CustomsDeclaration declaration);

    /** What the channel says about a declaration. */
    sealed interface Outcome {
        /** Customs accepted it; {@code declareNo} is the channel's number for it. */
        record Accepted(String declareNo) implements Outcome {}

        /** Sent to customs, verdict not yet known: ask again later. */
        record Pending(String declareNo) implements Outcome {}

        /** Refused by the channel or by customs, with the reason. */
        record Rejected(String reason) implements Outcome {}

        /** The channel has no such declaration (it never arrived). */
        record Unknown() implements Outcome {}
    }
}
