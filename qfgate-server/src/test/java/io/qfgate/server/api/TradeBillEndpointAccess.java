package io.qfgate.server.api;

/** Opens the statement's CSV cell rule to tests in other packages. */
public final class TradeBillEndpointAccess {
    private TradeBillEndpointAccess() {}

    public static String cell(String value) {
        return TradeBillEndpoint.cell(value);
    }
}
