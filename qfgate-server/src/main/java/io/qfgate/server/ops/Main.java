package io.qfgate.server.ops;

import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
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
            NotifyCommands.class, MasterKeyCommands.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code ./qfgate} runs it. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::keyProblemInOneLine);
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

        GatewayConfig config() {
            return GatewayConfig.defaults(data).withDb(db);
        }

        MasterKey masterKey() {
            return MasterKey.resolve(masterKeyFile, System.getenv(), data);
        }

        /** The database, opened with the master key (it fails at once if the key does not fit). */
        io.qfgate.server.store.Database openDatabase() {
            return io.qfgate.server.store.Database.open(config().jdbcUrl(), 2, masterKey().secrets());
        }
    }

    @Command(name = "serve", description = "Start the gateway.")
    static final class Serve implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        Storage storage = new Storage();

        @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
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

        @Override
        public Integer call() throws InterruptedException {
            boolean anyPort = notifyPorts.contains("any");
            Set<Integer> ports = anyPort ? Set.of()
                    : notifyPorts.stream().map(Integer::parseInt).collect(java.util.stream.Collectors.toSet());
            var delivery = Dispatcher.Settings.defaults(new TargetPolicy(ports, anyPort, notifyAllowPrivate))
                    .withLease(Duration.ofSeconds(notifyLeaseSeconds));
            GatewayConfig config = storage.config().withPort(port).withHost(host).withUrls(publicUrl, alipayUrl)
                    .withDelivery(delivery);
            Gateway gateway = Gateway.start(config, storage.masterKey().secrets());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gateway.close();
                stopped.countDown();
            }));
            DemoCredentials demo = gateway.demo();
            if (demo != null) {
                System.out.printf("""
                        Created demo credentials (also in %s):
                          merchant  app_code=%s client_key=%s
                          agent     app_code=%s client_key=%s mchid=%s
                        """, storage.data.resolve("demo-credentials.json"),
                        demo.merchant().app_code(), demo.merchant().client_key(),
                        demo.agent().app_code(), demo.agent().client_key(), demo.agent().mchid());
            }
            System.out.println("qfgate is serving at " + gateway.publicUrl() + " (GET /healthz)");
            stopped.await();
            return 0;
        }
    }
}
