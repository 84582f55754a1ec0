package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.qfgate.server.ops.MasterKey;
import org.junit.jupiter.api.Test;

/** A secret sealed by the master key opens only with that key and only in the cell it was sealed for. */
class SecretsTest {
    static final String KEY = "0123456789ABCDEF0123456789ABCDEF";
    static final String CELL = "apps.client_key:AAAA";

    final KeysetHandle keyset = MasterKey.generate();
    final Secrets secrets = Secrets.of(keyset);

    @Test
    void aSealedSecretIsVersionedBase64ThatHidesThePlaintextAndOpensAgain() {
        String sealed = secrets.seal(KEY, CELL);

        assertThat(sealed).startsWith("v1:").doesNotContain(KEY).matches("v1:[A-Za-z0-9+/]+=*");
        assertThat(secrets.open(sealed, CELL)).isEqualTo(KEY);
        assertThat(secrets.seal(KEY, CELL)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void nullStaysNull() {
        assertThat(secrets.seal(null, CELL)).isNull();
        assertThat(secrets.open(null, CELL)).isNull();
    }

    @Test
    void aCiphertextCopiedToAnotherCellDoesNotOpen() {
        String sealed = secrets.seal(KEY, CELL);

        assertThatThrownBy(() -> secrets.open(sealed, "apps.client_key:BBBB"))
                .isInstanceOf(Secrets.WrongKeyException.class)
                .hasMessageContaining("apps.client_key:BBBB");
        assertThatThrownBy(() -> secrets.open(sealed, "alipay_settings.md5_key:1"))
                .isInstanceOf(Secrets.WrongKeyException.class);
    }

    @Test
    void anotherMasterKeyDoesNotOpenItAndTheMessageHoldsNoSecret() {
        String sealed = secrets.seal(KEY, CELL);
        Secrets other = Secrets.of(MasterKey.generate());

        assertThatThrownBy(() -> other.open(sealed, CELL))
                .isInstanceOf(Secrets.WrongKeyException.class)
                .hasMessage("the master key cannot decrypt " + CELL + " (is it the key this database was written with?)")
                .hasMessageNotContaining(KEY)
                .hasMessageNotContaining(sealed.substring(3));
    }

    @Test
    void aPlaintextValueIsNotTakenForASealedOne() {
        assertThat(Secrets.isSealed(KEY)).isFalse();
        assertThat(Secrets.isSealed("-----BEGIN PRIVATE KEY-----")).isFalse();
        assertThatThrownBy(() -> secrets.open(KEY, CELL)).isInstanceOf(Secrets.WrongKeyException.class)
                .hasMessage(CELL + " is not encrypted");
    }

    @Test
    void afterARotationTheKeysetOpensOldCiphertextsAndSealsWithTheNewKey() {
        String old = secrets.seal(KEY, CELL);
        KeysetHandle rotated = new MasterKey(keyset, null, "test").withNewPrimary();
        Secrets both = Secrets.of(rotated);

        String fresh = both.seal(KEY, CELL);
        assertThat(both.open(old, CELL)).isEqualTo(KEY);
        assertThatThrownBy(() -> secrets.open(fresh, CELL)).as("the old key alone cannot open the new ciphertext")
                .isInstanceOf(Secrets.WrongKeyException.class);
        Secrets newOnly = Secrets.of(MasterKey.primaryOnly(rotated));
        assertThat(newOnly.open(fresh, CELL)).isEqualTo(KEY);
        assertThatThrownBy(() -> newOnly.open(old, CELL)).as("dropped with --drop-old")
                .isInstanceOf(Secrets.WrongKeyException.class);
    }
}
