package io.qfgate.server.ops;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.store.Database;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that manages what a gateway serves ({@code merchant …}, {@code alipay …},
 * {@code notify …}). It runs against the database of {@code --data}/{@code --db}, or, when a
 * gateway holds that embedded database, inside the gateway through the {@link AdminChannel}. It
 * prints through picocli's writers, so that either way its output reaches the operator.
 */
abstract class ManagementCommand implements Callable<Integer> {
    /** The notify_url columns' size. */
    static final int MAX_NOTIFY_URL = 256;

    @CommandLine.Mixin
    Main.Storage storage = new Main.Storage();

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return storage.withDatabase(this::run);
        } catch (IllegalArgumentException e) {
            err().println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The work, against an open database; returns the exit status. */
    abstract int run(Database db) throws Exception;

    /**
     * A notification URL the node will deliver to: parsed and held to the target policy (ports
     * 80/443 and public addresses; inside a running gateway, that gateway's own rules), as the
     * API holds a request's {@code notify_url}. Null stays null.
     */
    String notifyUrl(String url) {
        return checkedNotifyUrl(storage.targets, url, "--notify-url");
    }

    /** {@link #notifyUrl} for any caller: {@code field} names the setting in the refusal. */
    static String checkedNotifyUrl(TargetPolicy targets, String url, String field) {
        if (url == null) {
            return null;
        }
        if (url.length() > MAX_NOTIFY_URL) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_NOTIFY_URL + " characters");
        }
        targets.problemWith(url).ifPresent(problem -> {
            throw new IllegalArgumentException(field + " " + url + ": " + problem);
        });
        return url;
    }

    /**
     * The gateway's time now, as the gateway stores times (local time in its zone, not the
     * machine's), as precise as the clock.
     */
    LocalDateTime now() {
        return QfTime.now(storage.config().clock(), storage.config().zone(), ChronoUnit.NANOS);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
