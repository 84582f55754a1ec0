package io.qfgate.client;

/**
 * A call that produced no trustworthy answer. Business refusals ({@code respcd} other than
 * {@code 0000}) are not exceptions: they come back as ordinary responses.
 *
 * <p>{@link #respcd()} and {@link #resperr()} are copied from the answer's body when there was
 * one that parsed; for {@link Reason#BAD_SIGNATURE} and {@link Reason#HTTP_STATUS} that body is
 * unverified, so treat them as hints for a log line, never as a transaction result.
 * {@link NotificationVerifier} throws this too, with no HTTP status.
 */
public final class QfPayException extends RuntimeException {

    /** Why the call failed; tells a caller whether the request may have reached the gateway. */
    public enum Reason {
        /** Connect failure, timeout, broken connection, interrupt: the order may or may not exist. */
        TRANSPORT,
        /** HTTP status other than 200 and 429 (a proxy or the gateway refused the request itself). */
        HTTP_STATUS,
        /** Still HTTP 429 after the configured retries, or the gateway asked for a longer wait than allowed. */
        RATE_LIMITED,
        /**
         * The answer's {@code X-QF-SIGN} is missing or does not match the body and the client key; or a
         * signed notification is not one ({@code notify_type} not {@code payment}/{@code refund}).
         */
        BAD_SIGNATURE,
        /**
         * A signed HTTP 200 answer that is not a JSON object with a {@code respcd}, or whose
         * {@code data} is not shaped as documented; also a signed notification that is not a JSON object.
         */
        BAD_RESPONSE,
        /**
         * The gateway refused a call that returns no response object to carry the refusal
         * ({@code tradeBill}, and the queries of {@code awaitResult}): {@link QfPayException#respcd()}
         * and {@link QfPayException#resperr()} say why, and come from a verified answer unless {@code respcd} is
         * {@code 1108} (see the client's notes on unsigned 1108 answers).
         */
        REFUSED,
        /** {@code awaitResult}: the gateway never listed the transaction before the timeout (wrong syssn or mchid?). */
        NOT_FOUND
    }

    private final Reason reason;
    private final int httpStatus;
    private final String respcd;
    private final String resperr;

    QfPayException(Reason reason, String message, int httpStatus, String respcd, String resperr, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.respcd = respcd;
        this.resperr = resperr;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the last answer, or 0 when no answer arrived ({@link Reason#TRANSPORT}) or for a notification. */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@code respcd} of the last answer's body, or null. */
    public String respcd() {
        return respcd;
    }

    /** {@code resperr} of the last answer's body, or null. */
    public String resperr() {
        return resperr;
    }
}
