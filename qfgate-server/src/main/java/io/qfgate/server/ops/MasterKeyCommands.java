package io.qfgate.server.ops;

import com.google.crypto.tink.KeysetHandle;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SecretColumns;
import io.qfgate.server.store.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./qfgate master-key …}: the key that encrypts the stored client keys and Alipay keys. */
@Command(name = "master-key", mixinStandardHelpOptions = true,
        description = "Manage the master key that encrypts the stored keys (docs/security-secrets.md).",
        subcommands = {MasterKeyCommands.Rotate.class})
final class MasterKeyCommands {

    @Command(name = "rotate", description = "Add a new primary key and re-encrypt every stored secret under it"
            + " (in one transaction). Stop the gateway first: a running node holds the old keyset.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Storage storage = new Main.Storage();

        @Option(names = "--drop-old", description = "Then remove the old keys (backups made before can no longer be read)")
        boolean dropOld;

        @Option(names = "--out", description = "Where to write the new keyset. Default: the key file in use"
                + " (required when the key comes from $QFGATE_MASTER_KEY)")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (storage.db == null && AdminChannel.isHeld(storage.data)) {
                spec.commandLine().getErr().println("error: a gateway is running on " + storage.data
                        + ": stop it first (it holds the old keyset)");
                return 2;
            }
            MasterKey current = storage.masterKey();
            Path target = out != null ? out : current.file();
            if (target == null) {
                throw new MasterKey.Problem("the master key comes from " + MasterKey.ENV
                        + ": give --out FILE for the new keyset, then put that file's content in " + MasterKey.ENV);
            }
            try (Database db = Database.open(storage.config().jdbcUrl(), 2, current.secrets())) {
                // The file first: if the re-encryption fails or is cut short, the file still holds
                // the old keys, which open whatever the database holds.
                KeysetHandle next = current.withNewPrimary();
                MasterKey.write(next, target);
                int count = SecretColumns.reencryptAll(db, Secrets.of(next));
                if (dropOld) {
                    MasterKey.write(MasterKey.primaryOnly(next), target);
                }
                PrintWriter printed = spec.commandLine().getOut();
                printed.printf("re-encrypted %d secret(s) under a new key; wrote %s (%s)%n", count, target,
                        dropOld ? "the new key alone" : "old keys kept for decryption; drop them with --drop-old");
                printed.println("start the gateway (every node) with this key file");
                printed.flush();
                return 0;
            }
        }
    }
}
