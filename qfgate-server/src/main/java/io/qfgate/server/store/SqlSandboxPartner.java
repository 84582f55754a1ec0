package io.qfgate.server.store;

import java.security.KeyPair;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The embedded sandbox's partner: one per database, shared by every node on it. Its keys sign
 * only sandbox traffic, so they are not among the secrets kept encrypted; it is never the real
 * acquirer account ({@link SqlAlipayAccounts}). It signs MD5 until switched to RSA2, which needs
 * two key pairs: the merchant's (the gateway signs requests, the sandbox checks them) and
 * Alipay's (the sandbox signs answers and notifications, the gateway checks them).
 */
public final class SqlSandboxPartner {
    /** Two RSA key pairs as base64 (private PKCS#8, public X.509); {@code toString} leaves them out. */
    public record RsaKeys(String merchantPrivateKey, String merchantPublicKey, String alipayPrivateKey,
            String alipayPublicKey) {
        /** The two pairs as stored: private keys PKCS#8, public keys X.509, both base64. */
        public static RsaKeys of(KeyPair merchant, KeyPair alipay) {
            Base64.Encoder b64 = Base64.getEncoder();
            return new RsaKeys(b64.encodeToString(merchant.getPrivate().getEncoded()),
                    b64.encodeToString(merchant.getPublic().getEncoded()),
                    b64.encodeToString(alipay.getPrivate().getEncoded()),
                    b64.encodeToString(alipay.getPublic().getEncoded()));
        }

        @Override
        public String toString() {
            return "RsaKeys[…]";
        }
    }

    /** The sandbox partner; {@code rsa} is null until it has signed RSA2 once. {@code toString} leaves the keys out. */
    public record Partner(String partner, String md5Key, SignType signType, RsaKeys rsa) {
        public static Partner md5(String partner, String md5Key) {
            return new Partner(partner, md5Key, SignType.MD5, null);
        }

        @Override
        public String toString() {
            return "Partner[partner=" + partner + ", signType=" + signType + "]";
        }
    }

    /** How the sandbox partner signs (and is signed to). */
    public enum SignType { MD5, RSA2 }

    private final Jdbi jdbi;

    public SqlSandboxPartner(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<Partner> load() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT partner, md5_key, sign_type, merchant_private_key, merchant_public_key,
                            alipay_private_key, alipay_public_key
                        FROM sandbox_partner WHERE id = 1""")
                .map((rs, ctx) -> new Partner(rs.getString("partner"), rs.getString("md5_key"),
                        SignType.valueOf(rs.getString("sign_type")),
                        rs.getString("merchant_private_key") == null ? null : new RsaKeys(
                                rs.getString("merchant_private_key"), rs.getString("merchant_public_key"),
                                rs.getString("alipay_private_key"), rs.getString("alipay_public_key"))))
                .findOne());
    }

    /** The stored partner, or a new MD5 one made by {@code fresh}; of nodes starting together, the first to write wins. */
    public Partner loadOrCreate(Supplier<Partner> fresh) {
        Optional<Partner> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        Partner made = fresh.get();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO sandbox_partner (id, partner, md5_key) VALUES (1, :p, :k)")
                    .bind("p", made.partner()).bind("k", made.md5Key()).execute());
            return made;
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return load().orElseThrow();
            }
            throw e;
        }
    }

    /**
     * Makes the (existing) partner sign {@code signType} from the next start. Keys it already has
     * are kept, so that switching back and forth never changes them; {@code fresh} is asked for
     * keys only when RSA2 is chosen and none are stored (of two racing, the first keys stay).
     */
    public Partner useSignType(SignType signType, Supplier<RsaKeys> fresh) {
        Partner current = load().orElseThrow(() -> new IllegalStateException("no sandbox partner yet"));
        RsaKeys keys = current.rsa() != null || signType == SignType.MD5 ? current.rsa() : fresh.get();
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE sandbox_partner SET sign_type = :type,
                            merchant_private_key = COALESCE(merchant_private_key, :mPriv),
                            merchant_public_key = COALESCE(merchant_public_key, :mPub),
                            alipay_private_key = COALESCE(alipay_private_key, :aPriv),
                            alipay_public_key = COALESCE(alipay_public_key, :aPub)
                        WHERE id = 1""")
                .bind("type", signType.name())
                .bindByType("mPriv", keys == null ? null : keys.merchantPrivateKey(), String.class)
                .bindByType("mPub", keys == null ? null : keys.merchantPublicKey(), String.class)
                .bindByType("aPriv", keys == null ? null : keys.alipayPrivateKey(), String.class)
                .bindByType("aPub", keys == null ? null : keys.alipayPublicKey(), String.class)
                .execute());
        return load().orElseThrow();
    }
}
