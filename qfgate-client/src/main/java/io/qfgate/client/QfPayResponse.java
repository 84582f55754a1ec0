package io.qfgate.client;

import io.qfgate.protocol.Respcd;
import java.util.Map;

/**
 * What every answer of the merchant API has: the outcome in {@code respcd} (with the reason in
 * {@code resperr} and the code's meaning in {@code respmsg}) and every field as sent, in
 * {@code raw}, including ones the typed record does not name.
 */
public interface QfPayResponse {
    String respcd();

    String resperr();

    String respmsg();

    Map<String, String> raw();

    /** {@code respcd 0000}: the call did what it asked; any other code is a refusal named in {@link #resperr()}. */
    default boolean isSuccess() {
        return Respcd.SUCCESS.code().equals(respcd());
    }
}
