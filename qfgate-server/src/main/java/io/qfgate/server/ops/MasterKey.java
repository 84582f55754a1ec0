package io.qfgate.server.ops;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.qfgate.server.store.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The master key: a Tink AES256_GCM keyset, in Tink's JSON keyset format, that encrypts the
 * secrets in the database. Found, first match wins: the file given with {@code --master-key-file},
 * the keyset JSON in {@code QFGATE_MASTER_KEY}, or {@code <data>/master-key.json}, made on first
 * start. {@code file} is where it was read from, null when it came from the environment.
 */
public record MasterKey(KeysetHandle keyset, Path file, String source) {
    public static final String ENV = "QFGATE_MASTER_KEY";
    public static final String FILE_NAME = "master-key.json";

    static {
        try {
            // Makes Tink's AES-GCM keys known before a keyset is generated or parsed (idempotent).
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Thrown when no usable key is found; its one-line message is for the operator. */
    public static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message);
        }
    }

    /** The key by precedence: {@code flagFile} (null when not given), then {@code env}, then the data folder. */
    public static MasterKey resolve(Path flagFile, Map<String, String> env, Path dataDir) {
        if (flagFile != null) {
            if (!Files.isRegularFile(flagFile)) {
                throw new Problem("master key file " + flagFile + " does not exist");
            }
            return new MasterKey(parse(read(flagFile), flagFile.toString()), flagFile, flagFile.toString());
        }
        String json = env.get(ENV);
        if (json != null && !json.isBlank()) {
            return new MasterKey(parse(json, ENV), null, ENV);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            createIn(dataDir);
        }
        return new MasterKey(parse(read(file), file.toString()), file, file.toString());
    }

    /** A new keyset of one AES256_GCM key. */
    public static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a master key", e);
        }
    }

    public Secrets secrets() {
        try {
            return Secrets.of(keyset);
        } catch (IllegalArgumentException e) {
            throw new Problem("the master key in " + source + " is not an AES-GCM keyset");
        }
    }

    /** The same keys and a new one, made primary: new secrets are sealed with it, old ones still open. */
    public KeysetHandle withNewPrimary() {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key to the master key", e);
        }
    }

    /** The primary key alone: what the keyset is once nothing is sealed with the others. */
    public static KeysetHandle primaryOnly(KeysetHandle keyset) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot drop the old keys", e);
        }
    }

    /**
     * Writes {@code keyset} to {@code file} (owner-only, 0600), replacing it in one rename so that
     * a crash leaves the old or the new keyset, never half of one.
     */
    public static void write(KeysetHandle keyset, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path fresh = ownerOnlyFile(dir, "." + file.getFileName() + ".new");
            Files.writeString(fresh, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key to " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the master key", e);
        }
    }

    /** First start: a new key in the data folder, which is made owner-only (0700) as well. */
    private static void createIn(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            if (isPosix(dataDir)) {
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            }
            Path fresh = ownerOnlyFile(dataDir, ".master-key.json.new");
            Files.writeString(fresh, TinkJsonProtoKeysetFormat.serializeKeyset(generate(), InsecureSecretKeyAccess.get()));
            try {
                // No REPLACE_EXISTING: if another process made the key meanwhile, its key is the one.
                Files.move(fresh, dataDir.resolve(FILE_NAME));
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key in " + dataDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the master key", e);
        }
    }

    private static Path ownerOnlyFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        if (isPosix(dir)) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(file);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new Problem("cannot read the master key file " + file + ": " + e.getMessage());
        }
    }

    /** The message says where the key came from, never what it holds. */
    private static KeysetHandle parse(String json, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Problem("the master key in " + source + " is not a Tink keyset (JSON)");
        }
    }

    /** Never prints the keys: a log line or an error message may show a MasterKey. */
    @Override
    public String toString() {
        return "MasterKey[" + source + ", " + keyset.size() + " key(s)]";
    }
}
