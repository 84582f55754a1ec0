package io.qfgate.server;

import io.qfgate.server.ops.MasterKey;
import io.qfgate.server.store.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** Master keys for tests: a fresh one, or the one a gateway made (or will make) in its data folder. */
public final class TestKeys {
    private TestKeys() {}

    /** A new master key of one AES256_GCM key, for a database no gateway has opened. */
    public static Secrets fresh() {
        return Secrets.of(MasterKey.generate());
    }

    /** A PKCS#8 PEM RSA private key of {@code bits}, as {@code alipay set --rsa-private-key-file} reads it. */
    public static String rsaPrivateKeyPem(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in {@code <dataDir>/master-key.json}, as a gateway on that folder uses it (made if missing). */
    public static Secrets ofDataDir(Path dataDir) {
        return MasterKey.resolve(null, Map.of(), dataDir).secrets();
    }
}
