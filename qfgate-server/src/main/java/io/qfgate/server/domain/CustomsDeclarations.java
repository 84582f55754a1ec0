package io.qfgate.server.domain;

import java.util.List;
import java.util.Optional;

/** What {@link CustomsService} needs from storage; implemented over SQL in {@code store/}. */
public interface CustomsDeclarations {

    /** Why an insert stored nothing, if it did not. */
    enum Inserted { INSERTED, ORDER_ALREADY_DECLARED, OUT_REQUEST_NO_TAKEN }

    /**
     * Stores a new declaration; the database keeps one per (payment, sub-order) and one per
     * (app, {@code out_request_no}), so concurrent requests cannot both insert.
     */
    Inserted insert(CustomsDeclaration declaration);

    /** The declaration of a payment's sub-order ({@code subOrderNo} null: of the whole payment). */
    Optional<CustomsDeclaration> byPayment(String paymentSyssn, String subOrderNo);

    /** Every declaration of a payment, oldest first. */
    List<CustomsDeclaration> ofPayment(String paymentSyssn);

    /** Writes the declaration's state, channel number, reason, pushes and time. */
    void update(CustomsDeclaration declaration);
}
