package io.qfgate.server.store;

import io.qfgate.server.domain.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * New orders go into the {@code transactions} table in group commits. Requests that arrive while
 * {@link #WRITERS} writes are in flight queue up; the next of them to get a writer's place inserts
 * every order waiting, in one autocommitted statement: one round trip and one commit (one WAL
 * flush on PostgreSQL, one file sync on H2) for all of them instead of one each. The commit is the
 * cost the profile showed under load (docs/performance.md); batching is how a node creates more
 * orders per second than it could commit one by one. An order alone is written at once, as it
 * would be without batching, so a quiet gateway waits no longer.
 *
 * <p>Every request returns only after its own order is committed (or has failed), so the answer
 * it gives stays true after a crash. An order already taken ({@code ON CONFLICT DO NOTHING}
 * inserted no row) is reported as such, exactly like a unique violation was; one order the
 * database refuses for another reason fails alone: the statement writes none of the batch, and
 * each of its orders is then tried on its own.
 */
final class NewOrders {
    /** At most this many orders per statement; more waiting are written by the next batch. */
    static final int MAX_BATCH = 64;
    /** {@code INSERTS[n]} inserts n orders in one statement. */
    private static final String[] INSERTS = new String[MAX_BATCH + 1];

    static {
        for (int n = 1; n <= MAX_BATCH; n++) {
            INSERTS[n] = SqlTransactions.INSERT_COLUMNS
                    + String.join(", ", Collections.nCopies(n, SqlTransactions.INSERT_ROW))
                    + " ON CONFLICT DO NOTHING";
        }
    }

    /**
     * Batches in flight at once. One alone would leave the machine idle while each commit waits for
     * its flush to disk; a few overlap those waits, and the database merges their flushes.
     */
    static final int WRITERS = 4;

    /** One order waiting for its batch; the batch's writer fills it in, then counts {@link #finished} down. */
    static final class Pending {
        final Transaction order;
        final CountDownLatch finished = new CountDownLatch(1);
        volatile boolean done;
        boolean inserted;
        RuntimeException failure;

        Pending(Transaction order) {
            this.order = order;
        }

        void finish() {
            done = true;
            finished.countDown();
        }

        boolean inserted() {
            return inserted;
        }

        RuntimeException failure() {
            return failure;
        }
    }

    private final Jdbi jdbi;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore writers = new Semaphore(WRITERS);
    /** The most orders one transaction has carried: how much the batching is doing (tests read it). */
    private final AtomicInteger largestBatch = new AtomicInteger();

    NewOrders(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the order; false if its merchant already has its {@code out_trade_no}. Returns once committed. */
    boolean insert(Transaction order) {
        Pending mine = new Pending(order);
        waiting.add(mine);
        writers.acquireUninterruptibly();
        try {
            // While this request waited for a writer's place, another writer may have taken its
            // order; then it writes what is waiting until that writer is done with it.
            while (!mine.done) {
                List<Pending> batch = nextBatch();
                if (batch.isEmpty()) {
                    break;
                }
                write(batch);
            }
        } finally {
            writers.release();
        }
        awaitFinished(mine);
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.inserted;
    }

    int largestBatch() {
        return largestBatch.get();
    }

    private static void awaitFinished(Pending p) {
        boolean interrupted = false;
        while (true) {
            try {
                p.finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the order is being written: its outcome is still this request's answer
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = waiting.poll()) != null; ) {
            batch.add(p);
        }
        return batch;
    }

    /** Writes the batch and finishes every order in it, whatever happens. */
    void write(List<Pending> batch) {
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        try {
            if (batch.size() == 1 || !writeTogether(batch)) {
                for (Pending p : batch) {
                    writeAlone(p);
                }
            }
        } finally {
            // Whatever went wrong, no order is left waiting for a batch that already took it.
            for (Pending p : batch) {
                if (!p.done) {
                    p.failure = new IllegalStateException("the batch writing order " + p.order.syssn() + " failed");
                    p.finish();
                }
            }
        }
    }

    private void writeAlone(Pending p) {
        try {
            p.inserted = jdbi.withHandle(h -> {
                try (PreparedStatement ps = h.getConnection().prepareStatement(INSERTS[1])) {
                    SqlTransactions.bind(ps, 0, p.order);
                    return ps.executeUpdate() == 1;
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
            });
        } catch (RuntimeException e) {
            p.failure = e;
        }
        p.finish();
    }

    /**
     * All of the batch in one statement, so one round trip, one commit and, on PostgreSQL, one
     * executor start and one reading of the table's constraints for all of its rows: per row, a
     * statement of its own cost the database about twice as much (docs/performance.md). Returns
     * false, with nothing written, if the database refused it.
     */
    private boolean writeTogether(List<Pending> batch) {
        Set<String> stored;
        try {
            stored = jdbi.withHandle(h -> {
                Connection c = h.getConnection();
                try (PreparedStatement ps = c.prepareStatement(INSERTS[batch.size()])) {
                    int i = 0;
                    for (Pending p : batch) {
                        i = SqlTransactions.bind(ps, i, p.order);
                    }
                    if (ps.executeUpdate() == batch.size()) {
                        return null; // every order new: the common case
                    }
                    return storedOf(c, batch);
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
            });
        } catch (RuntimeException refused) {
            return false; // a statement is all or nothing: each order is tried alone, so that only a faulty one fails
        }
        for (Pending p : batch) {
            p.inserted = stored == null || stored.contains(p.order.syssn());
            p.finish();
        }
        return true;
    }

    /**
     * Which of the batch's orders are stored. Some {@code out_trade_no} were taken, and the count
     * does not say which; but every syssn is new and this gateway's own, so an order is in the table
     * under its syssn exactly when it was inserted.
     */
    private static Set<String> storedOf(Connection c, List<Pending> batch) throws SQLException {
        String sql = "SELECT syssn FROM transactions WHERE syssn IN ("
                + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")";
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setString(i + 1, batch.get(i).order.syssn());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        return stored;
    }
}
