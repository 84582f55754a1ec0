package io.qfgate.server.notify;

import java.util.ArrayList;
import java.util.List;

/** What a test started (processes, servers, folders), stopped last first, each even if another fails to stop. */
final class Closer implements AutoCloseable {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    <T extends AutoCloseable> T add(T c) {
        toClose.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        Exception failed = null;
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        toClose.clear();
        if (failed != null) {
            throw failed;
        }
    }
}
