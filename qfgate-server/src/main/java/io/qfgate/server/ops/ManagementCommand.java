package io.qfgate.server.ops;

import io.qfgate.server.store.Database;
import java.io.PrintWriter;
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

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
