package io.qfgate.server.domain;

import io.qfgate.protocol.Respcd;

/**
 * Where a customs declaration stands, and the QFPay code that reports it: accepted by customs
 * (0000), waiting for customs' verdict (1145, "continue to query"), or rejected with a reason.
 */
public enum CustomsState {
    PENDING(Respcd.PROCESSING),
    ACCEPTED(Respcd.SUCCESS),
    REJECTED(Respcd.TRANSACTION_FAILED);

    private final Respcd respcd;

    CustomsState(Respcd respcd) {
        this.respcd = respcd;
    }

    public Respcd respcd() {
        return respcd;
    }
}
