package io.qfgate.server.domain;

/**
 * The notification a merchant gets for a successful payment or refund, ready to send: where to,
 * and the exact JSON body. It is stored with the success it announces, in one database
 * transaction, so it can never be lost once the success is recorded.
 */
public record Notice(long appId, String syssn, String notifyType, String url, String body,
        java.time.LocalDateTime createdAt) {

    /** Composes notices (the QFPay wire format lives outside the domain) and hears when one is stored. */
    public interface Composer {
        /** The notice for a transaction that has just succeeded, or null if no URL is configured. */
        Notice forSuccess(Transaction succeeded);

        /** A notice was committed: the dispatcher may send it now instead of at its next look. */
        default void stored() {}
    }
}
