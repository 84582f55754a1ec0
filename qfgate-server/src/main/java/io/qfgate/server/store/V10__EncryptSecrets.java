package io.qfgate.server.store;

import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Encrypts the client keys and Alipay keys a database from before V10 holds in plaintext, with the
 * master key the gateway starts with; from here on the stores only ever write them encrypted. In
 * the migration's transaction: a database is never left half encrypted.
 *
 * <p>Java, not SQL, because it needs the master key: {@link Database#open} hands it over.
 */
final class V10__EncryptSecrets extends BaseJavaMigration {
    private final Secrets secrets;

    V10__EncryptSecrets(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        SecretColumns.encryptPlaintext(context.getConnection(), secrets);
    }
}
