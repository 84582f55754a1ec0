package io.qfgate.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The gateway's database: H2 in a data folder by default, PostgreSQL in production. Migrations run
 * on open, so a node starting against an empty database makes its schema. The secrets it holds
 * are encrypted with the master key it is opened with ({@link Secrets}).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Secrets secrets;

    private Database(HikariDataSource dataSource, Secrets secrets) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.secrets = secrets;
    }

    /**
     * The embedded default: one process only. No AUTO_SERVER, which would open a TCP server beside
     * the gateway's HTTP port; the CLI reaches a running gateway through its admin channel instead.
     * WRITE_DELAY=0 writes every commit out at once: by default H2 holds commits in memory for half
     * a second, and a gateway killed in that time lost payments it had already answered as recorded.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("qfgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /**
     * Opens, migrates, and checks that {@code secrets} opens every stored secret: a wrong master
     * key fails here, with {@link Secrets.WrongKeyException}, rather than on a merchant's request.
     */
    public static Database open(String jdbcUrl, int poolSize, Secrets secrets) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("qfgate");
        config.setConnectionTimeout(10_000);
        if (jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.contains("user=")) {
            config.setUsername("postgres");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrations(dataSource, secrets).load().migrate();
            try (Connection c = dataSource.getConnection()) {
                SecretColumns.checkAll(c, secrets);
            }
        } catch (RuntimeException | SQLException e) {
            dataSource.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new Database(dataSource, secrets);
    }

    /** The schema's migrations: the SQL ones in {@code db/migration} and the Java ones (V10 encrypts with the master key). */
    static FluentConfiguration migrations(DataSource dataSource, Secrets secrets) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V7__TransactionsReferenceTheirAppsMerchant(), new V10__EncryptSecrets(secrets),
                        new V20__AuditLog());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The master key this database was opened with, for the stores that read and write secrets. */
    Secrets secrets() {
        return secrets;
    }

    /** True when the statement failed on a unique constraint (SQLState 23505 on H2 and PostgreSQL). */
    static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    /**
     * Whether {@code failure} means the database cannot be reached now (this pool closed, no
     * connection within the timeout, SQLSTATE class 08), rather than a fault in the request:
     * pages then say "try again later" with status 503.
     */
    public boolean isUnavailable(Throwable failure) {
        if (dataSource.isClosed()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
