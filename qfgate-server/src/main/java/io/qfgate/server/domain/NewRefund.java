package io.qfgate.server.domain;

import io.qfgate.protocol.Hex;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * A merchant's refund request after its fields were checked one by one. {@code notifyUrl} is
 * where this refund is announced (null: the payment's, else the merchant's, else the app's).
 */
public record NewRefund(
        String origSyssn,
        String outTradeNo,
        long txamt,
        String txdtm,
        ZoneOffset txzone,
        String mchid,
        String udid,
        String notifyUrl) {

    /** A refund is the same request when it names the same payment and amount. */
    public String digest() {
        String text = "refund;" + origSyssn + ";" + txamt;
        return Hex.lower(Hex.digest("SHA-256", text.getBytes(StandardCharsets.UTF_8)));
    }
}
