package io.qfgate.client;

import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the asynchronous notifications the gateway POSTs to a merchant's endpoint. Anyone can
 * POST to that URL, so nothing in a body counts before its {@code X-QF-SIGN} matches: upper-case
 * hex MD5 of the raw body bytes followed by the client key (always MD5, whatever sign type the
 * app's calls use). The gateway signs its API answers with the same key, so a signature alone
 * does not make a notification: a body whose {@code notify_type} is not {@code payment} or
 * {@code refund} (e.g. a query answer replayed to the notification URL) is refused too.
 * Immutable and thread-safe.
 */
public final class NotificationVerifier {
    private final String clientKey;

    public NotificationVerifier(String clientKey) {
        if (clientKey == null || clientKey.isBlank()) {
            throw new IllegalArgumentException("clientKey is required");
        }
        this.clientKey = clientKey;
    }

    /**
     * @param rawBody       the request body exactly as received; re-serialised JSON would not match
     * @param xQfSignHeader the request's {@code X-QF-SIGN} header (case of the hex digits does not matter)
     * @throws QfPayException {@link Reason#BAD_SIGNATURE} when the header is missing or does not
     *                        match, or when the signed body is not a notification ({@code notify_type}
     *                        missing or other than {@code payment}/{@code refund}: a replayed API
     *                        answer); {@link Reason#BAD_RESPONSE} when a signed body is not a JSON object
     */
    public Notification verify(byte[] rawBody, String xQfSignHeader) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (xQfSignHeader == null || !QfSignature.verifyBody(rawBody, clientKey, SignType.MD5, xQfSignHeader)) {
            throw new QfPayException(Reason.BAD_SIGNATURE, xQfSignHeader == null
                    ? "notification carries no X-QF-SIGN"
                    : "notification's X-QF-SIGN does not match its body and the client key", 0, null, null, null);
        }
        Map<String, String> fields = Wire.parseObject(rawBody);
        if (fields == null) {
            throw new QfPayException(Reason.BAD_RESPONSE, "notification body is not a JSON object", 0, null, null, null);
        }
        String notifyType = fields.get("notify_type");
        if (!"payment".equals(notifyType) && !"refund".equals(notifyType)) {
            // Same key, same signing recipe: only notify_type tells a notification from an API answer.
            throw new QfPayException(Reason.BAD_SIGNATURE, "signed body is not a notification: notify_type is "
                    + (notifyType == null ? "missing" : "'" + notifyType + "'")
                    + ", must be payment or refund (an API answer replayed to the notification URL?)", 0, null, null, null);
        }
        return Wire.toRecord(Notification.class, fields);
    }
}
