package io.qfgate.server.ops;

import io.javalin.Javalin;
import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlSandboxLedger;
import io.qfgate.server.store.SqlSandboxPartner;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./qfgate sandbox --port N}: the Alipay sandbox alone, as the gateway's Alipay. It knows
 * the sandbox partner from the same database (never the production account); the gateway then reaches it only over
 * HTTP with {@code ./qfgate serve --alipay-url http://127.0.0.1:N/gateway.do}.
 */
@Command(name = "sandbox", description = "Run the Alipay sandbox alone (gateway.do and the wallet at the root).")
final class SandboxCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.Storage storage = new Main.Storage();

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--public-url", description = "Base URL shoppers reach the sandbox at (for the QR). Default: from each request")
    String publicUrl;

    @Override
    public Integer call() throws Exception {
        if (storage.db == null && AdminChannel.isHeld(storage.data)) {
            System.err.println("error: a gateway is running on " + storage.data + ": start the sandbox first, then the"
                    + " gateway with --alipay-url");
            return 2;
        }
        SqlSandboxPartner.Partner partner;
        try (Database gatewayDb = storage.openDatabase()) {
            partner = AlipaySetup.sandboxPartner(new SqlSandboxPartner(gatewayDb));
        }
        Database db = openBooks();
        var config = Gateway.sandboxConfig(partner, Clock.systemUTC(), publicUrl == null ? "" : publicUrl);
        Javalin sandbox = AlipaySandbox.standalone(config, new SqlSandboxLedger(db), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            db.close();
            stopped.countDown();
        }));
        System.out.printf("Alipay sandbox for partner %s (%s) at http://127.0.0.1:%d/gateway.do%n"
                + "Point the gateway at it: ./qfgate serve --alipay-url http://127.0.0.1:%d/gateway.do%n",
                partner.partner(), partner.signType(), sandbox.port(), sandbox.port());
        stopped.await();
        return 0;
    }

    /**
     * Where the sandbox keeps its books while it runs: the gateway's database on PostgreSQL, shared
     * with every node; on H2, which one process holds at a time, a database of its own in the data
     * folder ({@code sandbox/}), so that the gateway can still open its own.
     */
    private Database openBooks() {
        if (storage.db != null) {
            return storage.openDatabase();
        }
        return Database.open(Database.h2Url(storage.data.resolve("sandbox")), 2, storage.masterKey().secrets());
    }
}
