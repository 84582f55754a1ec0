package io.qfgate.server.store;

import io.qfgate.server.channel.alipay.AlipayAccount;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The one row of Alipay acquirer settings. */
public final class SqlAlipayAccounts {
    private final Jdbi jdbi;

    public SqlAlipayAccounts(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<AlipayAccount> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM alipay_settings WHERE id = 1")
                .map((rs, ctx) -> new AlipayAccount(
                        rs.getString("partner"),
                        rs.getString("md5_key"),
                        rs.getString("sign_type"),
                        rs.getString("rsa_private_key"),
                        rs.getString("alipay_public_key"),
                        rs.getString("gateway_url")))
                .findOne());
    }

    /** Forgets the account (back to sandbox mode); the number of rows removed. */
    public int remove() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM alipay_settings WHERE id = 1").execute());
    }

    public void save(AlipayAccount account) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM alipay_settings WHERE id = 1").execute();
            h.createUpdate("""
                    INSERT INTO alipay_settings (id, partner, md5_key, sign_type, rsa_private_key, alipay_public_key, gateway_url)
                    VALUES (1, :partner, :md5Key, :signType, :rsaPrivateKey, :alipayPublicKey, :gatewayUrl)""")
                    .bindMethods(account)
                    .execute();
        });
    }
}
