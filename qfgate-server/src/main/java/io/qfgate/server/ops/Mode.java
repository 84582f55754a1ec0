package io.qfgate.server.ops;

import java.util.Locale;

/**
 * What a gateway is for. In {@code SANDBOX} mode (an empty data folder's default) it pays through
 * the embedded Alipay sandbox with the sandbox's own partner and makes demo merchants. In
 * {@code PRODUCTION} mode (a real partner configured with {@code ./qfgate alipay set … --gateway-url})
 * it pays through that Alipay gateway only: no sandbox paths, no demo apps.
 */
public enum Mode {
    SANDBOX,
    PRODUCTION;

    /** As the start-up log and {@code /status} say it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
