package io.qfgate.server.ops;

import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.Passwords;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlApps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./qfgate operator …} and {@code ./qfgate portal-user …}: the consoles' accounts. A
 * password is read from {@code --password-file} or stdin, never from the arguments (which other
 * users of the machine see in the process list), and never printed.
 */
final class ConsoleCommands {
    /** Far beyond {@link Passwords#MAX_LENGTH}: a longer input is refused, not cut. */
    private static final int MAX_INPUT = 4096;

    private ConsoleCommands() {}

    /** A command that sets a new account's password. */
    abstract static class WithPassword extends ManagementCommand {
        @Option(names = "--password-file", description = "File whose first line is the password. Default: read stdin")
        Path passwordFile;

        /** The first line of the file or of stdin, without its line end. */
        String password() throws IOException {
            String text;
            if (passwordFile != null) {
                try (InputStream in = java.nio.file.Files.newInputStream(storage.file(passwordFile))) {
                    text = firstLine(in);
                }
            } else {
                text = storage.input != null ? storage.input : readStdin();
            }
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("no password: give it on stdin or with --password-file");
            }
            return text;
        }

        ConsoleAuth consoles(Database db) {
            return Services.consoleAuth(db, Clock.systemUTC(), storage.config().zone());
        }
    }

    /**
     * What a command to be sent to a running gateway reads on stdin, read now; null if it reads
     * none. {@code cli} has parsed the arguments.
     */
    static String stdinFor(CommandLine cli) throws IOException {
        CommandLine.ParseResult parsed = cli.getParseResult();
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().userObject() instanceof WithPassword command && command.passwordFile == null
                ? readStdin() : null;
    }

    /** The first line piped in (or typed: pipe it from a file or a password manager to keep it off the screen). */
    private static String readStdin() throws IOException {
        return firstLine(System.in);
    }

    private static String firstLine(InputStream in) throws IOException {
        byte[] head = in.readNBytes(MAX_INPUT + 1);
        if (head.length > MAX_INPUT) {
            throw new IllegalArgumentException("the password input is longer than " + MAX_INPUT + " bytes");
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(head), StandardCharsets.UTF_8));
        return lines.readLine();
    }

    @Command(name = "operator", mixinStandardHelpOptions = true, description = "Manage operator console accounts.",
            subcommands = CreateOperator.class)
    static final class Operator {}

    @Command(name = "create", description = {"Create an operator for the console at /admin/.",
        "The password (at least " + Passwords.MIN_LENGTH + " characters) is read from stdin or --password-file."})
    static final class CreateOperator extends WithPassword {
        @Option(names = "--username", required = true, description = "3 to 64 letters, digits and . _ @ -")
        String username;

        @Override
        int run(Database db) throws IOException {
            ConsoleAccount made = consoles(db).createOperator(username, password());
            out().printf("created operator %s%n", made.username());
            return 0;
        }
    }

    @Command(name = "portal-user", mixinStandardHelpOptions = true,
            description = "Manage merchant portal accounts.", subcommands = CreatePortalUser.class)
    static final class PortalUser {}

    @Command(name = "create", description = {"Create a user of the merchant portal at /portal/ for an app:",
        "a merchant app's user sees its merchant, an agent's user all its sub-merchants.",
        "The password (at least " + Passwords.MIN_LENGTH + " characters) is read from stdin or --password-file."})
    static final class CreatePortalUser extends WithPassword {
        @Option(names = "--app", required = true, description = "The app_code of the merchant or agent app")
        String appCode;

        @Option(names = "--username", required = true, description = "3 to 64 letters, digits and . _ @ -")
        String username;

        @Option(names = "--role", required = true, description = "owner, cashier or viewer")
        PortalRole role;

        @Option(names = "--refund-limit", description = "A cashier's refund limit per refund, in minor units (required for a cashier)")
        Long refundLimit;

        @Override
        int run(Database db) throws IOException {
            App app = new SqlApps(db).byAppCode(appCode)
                    .orElseThrow(() -> new IllegalArgumentException("no app " + appCode));
            ConsoleAccount made = consoles(db).createPortalUser(app.id(), username, password(), role, refundLimit);
            out().printf("created portal user %s (%s) of app %s%n", made.username(), role.dbName(), appCode);
            return 0;
        }
    }
}
