package io.qfgate.server.ops;

import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./qfgate …}: run the gateway and manage what it serves. */
@Command(name = "qfgate", mixinStandardHelpOptions = true, version = "qfgate 0.1.0",
        description = "Self-hostable payment gateway speaking the QFPay Open API.",
        subcommands = {Main.Serve.class, MerchantCommands.class, AlipayCommands.class, SandboxCommand.class,
            NotifyCommands.class, MasterKeyCommands.class, ConsoleCommands.Operator.class,
            ConsoleCommands.PortalUser.class})
public final class Main {

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Runs a command. A management command whose embedded database a running gateway holds goes to
     * that gateway through the {@link AdminChannel}; everything else runs here.
     */
    public static int run(String... args) throws Exception {
        CommandLine parsed = commandLine(CommandLine.defaultFactory());
        Path heldData = heldDataFolder(parsed, args);
        if (heldData == null) {
            return commandLine(CommandLine.defaultFactory()).execute(args);
        }
        // Read here, where the operator types it: the gateway has no terminal.
        String input = ConsoleCommands.stdinFor(parsed);
        AdminChannel.Reply reply = AdminChannel.forwardIfHeld(heldData, List.of(args), input);
        if (reply == null) {
            return commandLine(new WithInput(input)).execute(args);
        }
        System.out.print(reply.out());
        System.err.print(reply.err());
        return reply.exit();
    }

    /** The command line as {@code ./qfgate} runs it, its commands made by {@code factory}. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new Main(), factory).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::keyProblemInOneLine);
    }

    /** The command line's factory when stdin was read already: the command gets what was read. */
    private record WithInput(String input) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof ManagementCommand command) {
                command.storage.input = input;
            }
            return made;
        }
    }

    /** The data folder of a management command on the embedded database, if a gateway holds it; else null. */
    private static Path heldDataFolder(CommandLine cli, String[] args) throws java.io.IOException {
        if (!AdminChannel.isManagement(cli, List.of(args))) {
            return null;
        }
        CommandLine.ParseResult parsed = cli.getParseResult();
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        Storage storage = ((ManagementCommand) parsed.commandSpec().userObject()).storage;
        return storage.db == null && AdminChannel.isHeld(storage.data) ? storage.data : null;
    }

    /**
     * A missing or wrong master key is the operator's to fix: one line on stderr and exit code 2,
     * not a stack trace. Anything else goes on to picocli's default (the stack trace).
     */
    static int keyProblemInOneLine(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof MasterKey.Problem || e instanceof io.qfgate.server.store.Secrets.WrongKeyException) {
            cli.getErr().println("error: " + e.getMessage());
            return 2;
        }
        throw e;
    }

    /** Where the data lives; shared by every subcommand that opens the database. */
    static final class Storage {
        @Option(names = "--data", defaultValue = "./data", description = "Data folder (embedded database, demo credentials). Default: ${DEFAULT-VALUE}")
        Path data;

        @Option(names = "--db", description = "JDBC URL of a PostgreSQL database instead of the embedded H2, e.g. jdbc:postgresql://127.0.0.1:5432/qfgate?user=postgres")
        String db;

        @Option(names = "--master-key-file", description = "Tink keyset (JSON) that encrypts the stored keys."
                + " Default: $QFGATE_MASTER_KEY, else <data>/master-key.json (made on first start)")
        Path masterKeyFile;

        /** Set when the command runs inside a gateway (the admin channel): its database, left open. */
        Database running;

        /** Where notifications may go: the production rule, or inside a running gateway its own. */
        TargetPolicy targets = TargetPolicy.PRODUCTION;

        /** What the command reads as stdin when it was read before (inside a gateway: by the command line); else null. */
        String input;

        /** The folder relative file names are read from: the operator's, also inside a gateway. */
        Path workingDir = Path.of("");

        GatewayConfig config() {
            return GatewayConfig.defaults(data).withDb(db);
        }

        /** A file named on the command line, as the operator meant it. */
        Path file(Path name) {
            return workingDir.resolve(name);
        }

        MasterKey masterKey() {
            return MasterKey.resolve(masterKeyFile, System.getenv(), data);
        }

        /** The database, opened with the master key (it fails at once if the key does not fit). */
        Database openDatabase() {
            if (db == null) {
                DataFolder.secure(data);
            }
            return Database.open(config().jdbcUrl(), 2, masterKey().secrets());
        }

        /** Runs the work against the running gateway's database, or opens this folder's and closes it after. */
        <T> T withDatabase(DatabaseWork<T> work) throws Exception {
            if (running != null) {
                return work.run(running);
            }
            try (Database opened = openDatabase()) {
                return work.run(opened);
            }
        }
    }

    interface DatabaseWork<T> {
        T run(Database db) throws Exception;
    }

    @Command(name = "serve", description = "Start the gateway.")
    static final class Serve implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        Storage storage = new Storage();

        @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "Address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}")
        String host;

        @Option(names = "--public-url", description = "Base URL shoppers and Alipay use to reach this gateway. Default: http://127.0.0.1:<port>")
        String publicUrl;

        @Option(names = "--alipay-url", description = "Alipay gateway.do URL, overriding the stored setting. Default: the embedded sandbox")
        String alipayUrl;

        @Option(names = "--notify-ports", split = ",", defaultValue = "80,443",
                description = "Ports merchant notifications may go to, or 'any'. Default: ${DEFAULT-VALUE} (QFPay's rule)")
        List<String> notifyPorts;

        @Option(names = "--notify-allow-private",
                description = "Allow notifications to loopback and private addresses (tests, sandboxes)")
        boolean notifyAllowPrivate;

        @Option(names = "--notify-lease-seconds", defaultValue = "60",
                description = "How long a node holds a notification it is sending before another may take it over. Default: ${DEFAULT-VALUE}")
        int notifyLeaseSeconds;

        @Option(names = "--ip-rate-per-second", defaultValue = "200",
                description = "Requests per client address per second, counted before authentication (the API, and separately the checkout, demo Pay and console sign-in pages); 0 turns the per-address limit off (e.g. behind a proxy). Default: ${DEFAULT-VALUE}")
        int ipPerSecond;

        @Option(names = "--ip-rate-per-minute", defaultValue = "2000",
                description = "Requests per client address per minute, counted before authentication; 0 turns the per-address limit off. Default: ${DEFAULT-VALUE}")
        int ipPerMinute;

        @Override
        public Integer call() throws InterruptedException {
            boolean anyPort = notifyPorts.contains("any");
            Set<Integer> ports = anyPort ? Set.of()
                    : notifyPorts.stream().map(Integer::parseInt).collect(java.util.stream.Collectors.toSet());
            var delivery = Dispatcher.Settings.defaults(new TargetPolicy(ports, anyPort, notifyAllowPrivate))
                    .withLease(Duration.ofSeconds(notifyLeaseSeconds));
            GatewayConfig config = storage.config().withPort(port).withHost(host).withUrls(publicUrl, alipayUrl)
                    .withDelivery(delivery)
                    .withIpLimits(new ClientIpLimits.Settings(ipPerSecond, ipPerMinute,
                            ClientIpLimits.Settings.defaults().maxTrackedAddresses()));
            Gateway gateway = Gateway.start(config, storage.masterKey().secrets());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gateway.close();
                stopped.countDown();
            }));
            DemoCredentials demo = gateway.demo();
            if (demo != null) {
                System.out.printf("""
                        Sandbox mode: created DEMO credentials, for the embedded sandbox only (also in %s):
                          merchant  app_code=%s client_key=%s
                          agent     app_code=%s client_key=%s mchid=%s
                          portal    %s username=%s password=%s
                          operator  %s username=%s password=%s
                        """, storage.data.resolve("demo-credentials.json"),
                        demo.merchant().app_code(), demo.merchant().client_key(),
                        demo.agent().app_code(), demo.agent().client_key(), demo.agent().mchid(),
                        demo.portal().url(), demo.portal().username(), demo.portal().password(),
                        demo.operator().url(), demo.operator().username(), demo.operator().password());
            }
            System.out.println("qfgate is serving at " + gateway.publicUrl() + " in " + gateway.mode().label()
                    + " mode (GET /healthz, /status)");
            stopped.await();
            return 0;
        }
    }
}
