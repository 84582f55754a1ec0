package io.qfgate.server.ops;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Stores.Outbox;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlNotifications;
import java.time.LocalDateTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./qfgate notify …}: merchant notifications for operators. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "List, inspect and resend merchant notifications.",
        subcommands = {NotifyCommands.ListNotifications.class, NotifyCommands.Show.class, NotifyCommands.Resend.class})
final class NotifyCommands {

    /** A command on the outbox. */
    abstract static class OutboxCommand extends ManagementCommand {
        @Override
        final int run(Database db) {
            return run(new SqlNotifications(db), now());
        }

        abstract int run(SqlNotifications outbox, LocalDateTime now);
    }

    @Command(name = "list", description = "Notifications, newest first.")
    static final class ListNotifications extends OutboxCommand {
        @Option(names = "--state", description = "pending, delivered or failed (default: all)")
        String state;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        int run(SqlNotifications outbox, LocalDateTime now) {
            NoticeState wanted = state == null ? null : NoticeState.ofCode(state).orElse(null);
            if (state != null && wanted == null) {
                return 0; // no notification is in a state that does not exist
            }
            for (Outbox.Entry n : outbox.list(wanted, limit)) {
                out().printf("%d  %-9s %s %s attempts=%d next=%s %s%n", n.id(), n.state().code(), n.notifyType(),
                        n.syssn(), n.attempts(),
                        n.state() == NoticeState.PENDING ? QfTime.format(n.nextAttemptAt()) : "-", n.url());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "One notification: its body and every delivery attempt.")
    static final class Show extends OutboxCommand {
        @Parameters(index = "0", description = "syssn of the payment or refund")
        String syssn;

        @Override
        int run(SqlNotifications outbox, LocalDateTime now) {
            var found = outbox.bySyssn(syssn);
            if (found.isEmpty()) {
                err().println("error: no notification for " + syssn);
                return 2;
            }
            Outbox.Entry n = found.get();
            out().printf("id=%d state=%s url=%s%nbody=%s%n", n.id(), n.state().code(), n.url(), n.body());
            for (Outbox.Attempt a : outbox.attempts(n.id())) {
                out().printf("  %s  status=%s latency=%dms answer=%s%s%n", QfTime.format(a.attemptedAt()),
                        a.httpStatus() == null ? "-" : a.httpStatus(), a.latencyMs(),
                        a.answer() == null ? "-" : a.answer().replaceAll("\\s+", " "),
                        a.error() == null ? "" : " error=" + a.error());
            }
            return 0;
        }
    }

    @Command(name = "resend", description = "Send failed notifications again, on a fresh schedule.")
    static final class Resend extends OutboxCommand {
        @Parameters(index = "0", arity = "0..1", description = "notification id; omit with --all-failed")
        Long id;

        @Option(names = "--all-failed", description = "Every failed notification")
        boolean allFailed;

        @Override
        int run(SqlNotifications outbox, LocalDateTime now) {
            if ((id == null) == !allFailed) {
                err().println("error: give a notification id or --all-failed");
                return 2;
            }
            out().println("queued " + outbox.resend(id, now) + " notification(s) to be sent again");
            return 0;
        }
    }
}
