package io.qfgate.server.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts the secrets the database holds (client keys, the Alipay keys) with the master key, an
 * AES-GCM keyset of Google Tink. A stored secret reads {@code v1:<base64>}: the prefix tells a
 * ciphertext from a plaintext written before encryption (V10 encrypts those), and leaves room for
 * another format later. The base64 is Tink's output: the id of the key that sealed it, the nonce,
 * the ciphertext and the tag, so a keyset with several keys (after a rotation) opens them all.
 *
 * <p>Every secret is sealed with the name of its cell ({@code apps.client_key:<app_code>}) as
 * associated data: a ciphertext copied into another row or column does not open.
 */
public final class Secrets {
    /** What a sealed value starts with. No plaintext secret does: keys are hex or base64, PEM starts with '-'. */
    static final String PREFIX = "v1:";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;

    private Secrets(Aead aead) {
        this.aead = aead;
    }

    /** Seals with the keyset's primary key and opens with any of its keys. */
    public static Secrets of(KeysetHandle keyset) {
        try {
            return new Secrets(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the master key is not an AEAD keyset: " + e.getMessage());
        }
    }

    /** The value to store for {@code plaintext} in the cell named {@code cell}; null stays null. */
    public String seal(String plaintext, String cell) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] sealed = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), cell.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + cell + ": " + e.getMessage());
        }
    }

    /**
     * The plaintext of a stored value; null stays null. Fails when the master key has no key that
     * sealed it, or when the value was sealed for another cell. The message names the cell only.
     */
    public String open(String stored, String cell) {
        if (stored == null) {
            return null;
        }
        if (!isSealed(stored)) {
            throw new WrongKeyException(cell + " is not encrypted");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            return new String(aead.decrypt(sealed, cell.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WrongKeyException("the master key cannot decrypt " + cell
                    + " (is it the key this database was written with?)");
        }
    }

    /** True for a value this class sealed; false for a plaintext secret from before encryption. */
    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** A stored secret that the master key cannot open. Its message never holds a secret. */
    public static final class WrongKeyException extends RuntimeException {
        WrongKeyException(String message) {
            super(message);
        }
    }
}
