package io.qfgate.server.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The one row of Alipay acquirer settings. The MD5 key and the RSA private key are stored encrypted ({@link Secrets}). */
public final class SqlAlipayAccounts {
    private static final int ROW = 1;

    private final Jdbi jdbi;
    private final Secrets secrets;

    public SqlAlipayAccounts(Database database) {
        this.jdbi = database.jdbi();
        this.secrets = database.secrets();
    }

    public Optional<AlipaySettings> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM alipay_settings WHERE id = 1")
                .map((rs, ctx) -> new AlipaySettings(
                        rs.getString("partner"),
                        secrets.open(rs.getString("md5_key"), SecretColumns.ALIPAY_MD5_KEY.cell(ROW)),
                        rs.getString("sign_type"),
                        secrets.open(rs.getString("rsa_private_key"), SecretColumns.ALIPAY_RSA_PRIVATE_KEY.cell(ROW)),
                        rs.getString("alipay_public_key"),
                        rs.getString("gateway_url")))
                .findOne());
    }

    /** Forgets the account (back to sandbox mode); the number of rows removed. */
    public int remove() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM alipay_settings WHERE id = 1").execute());
    }

    public void save(AlipaySettings account) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM alipay_settings WHERE id = 1").execute();
            h.createUpdate("""
                    INSERT INTO alipay_settings (id, partner, md5_key, sign_type, rsa_private_key, alipay_public_key, gateway_url)
                    VALUES (1, :partner, :md5Key, :signType, :rsaPrivateKey, :alipayPublicKey, :gatewayUrl)""")
                    .bind("partner", account.partner())
                    .bind("md5Key", secrets.seal(account.md5Key(), SecretColumns.ALIPAY_MD5_KEY.cell(ROW)))
                    .bind("signType", account.signType())
                    .bind("rsaPrivateKey", secrets.seal(account.rsaPrivateKey(), SecretColumns.ALIPAY_RSA_PRIVATE_KEY.cell(ROW)))
                    .bind("alipayPublicKey", account.alipayPublicKey())
                    .bind("gatewayUrl", account.gatewayUrl())
                    .execute();
        });
    }
}
