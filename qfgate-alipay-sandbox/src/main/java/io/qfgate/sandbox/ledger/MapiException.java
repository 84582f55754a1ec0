package io.qfgate.sandbox.ledger;

/**
 * A request the sandbox refuses, as Alipay would: a code for programs and, since the sandbox
 * exists to help developers, a detail in English naming the field or the reason.
 */
public final class MapiException extends Exception {
    private final ErrorCode code;

    public MapiException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
