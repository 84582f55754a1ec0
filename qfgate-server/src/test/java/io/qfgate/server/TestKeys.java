package io.qfgate.server;

import io.qfgate.server.ops.MasterKey;
import io.qfgate.server.store.Secrets;
import java.nio.file.Path;
import java.util.Map;

/** Master keys for tests: a fresh one, or the one a gateway made (or will make) in its data folder. */
public final class TestKeys {
    private TestKeys() {}

    /** A new master key of one AES256_GCM key, for a database no gateway has opened. */
    public static Secrets fresh() {
        return Secrets.of(MasterKey.generate());
    }

    /** The key in {@code <dataDir>/master-key.json}, as a gateway on that folder uses it (made if missing). */
    public static Secrets ofDataDir(Path dataDir) {
        return MasterKey.resolve(null, Map.of(), dataDir).secrets();
    }
}
