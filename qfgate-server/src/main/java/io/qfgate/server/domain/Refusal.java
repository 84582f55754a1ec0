package io.qfgate.server.domain;

import io.qfgate.protocol.Respcd;

/**
 * A request the gateway answers with a QFPay code other than success. {@code resperr} names the
 * field or the reason in English so that a developer can fix the request without reading code.
 */
public final class Refusal extends RuntimeException {
    private final Respcd respcd;

    public Refusal(Respcd respcd, String resperr) {
        super(resperr, null, false, false);
        this.respcd = respcd;
    }

    public Respcd respcd() {
        return respcd;
    }

    public String resperr() {
        return getMessage();
    }

    public static Refusal parameter(String field, String problem) {
        return new Refusal(Respcd.REQUEST_PARAMETER_ERROR, field + ": " + problem);
    }
}
