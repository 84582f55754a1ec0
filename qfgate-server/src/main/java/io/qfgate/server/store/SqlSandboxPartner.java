package io.qfgate.server.store;

import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The embedded sandbox's partner: one per database, shared by every node on it. Its key signs
 * only sandbox traffic, so it is not one of the secrets kept encrypted; it is never the real
 * acquirer account ({@link SqlAlipayAccounts}).
 */
public final class SqlSandboxPartner {
    /** The sandbox partner's id and its MD5 key (the sandbox signs with MD5 only); {@code toString} leaves the key out. */
    public record Partner(String partner, String md5Key) {
        @Override
        public String toString() {
            return "Partner[partner=" + partner + "]";
        }
    }

    private final Jdbi jdbi;

    public SqlSandboxPartner(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<Partner> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT partner, md5_key FROM sandbox_partner WHERE id = 1")
                .map((rs, ctx) -> new Partner(rs.getString("partner"), rs.getString("md5_key")))
                .findOne());
    }

    /** The stored partner, or a new one made by {@code fresh}; of nodes starting together, the first to write wins. */
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
}
