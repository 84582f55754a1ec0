package io.qfgate.server.ops;

import io.javalin.Javalin;
import io.qfgate.server.api.AddNoteEndpoint;
import io.qfgate.server.api.CancelEndpoint;
import io.qfgate.server.api.NotificationJson;
import io.qfgate.server.api.PaymentEndpoint;
import io.qfgate.server.api.QueryEndpoint;
import io.qfgate.server.api.RefundEndpoint;
import io.qfgate.server.api.TradeBillEndpoint;
import io.qfgate.server.api.SignedApi;
import io.qfgate.server.channel.alipay.AlipayAccount;
import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.SandboxConfig;
import io.qfgate.server.channel.alipay.AlipayChannel;
import io.qfgate.server.channel.alipay.AlipayNotifyHandler;
import io.qfgate.server.domain.Channel;
import io.qfgate.server.domain.Merchants;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.RefundService;
import io.qfgate.server.domain.TransactionQueries;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.store.CachedApps;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.Secrets;
import io.qfgate.server.store.SqlNotifications;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running gateway node: database, services and HTTP server wired together. */
public final class Gateway implements AutoCloseable {
    /** Where the embedded Alipay sandbox is served, under this node's public URL. */
    public static final String SANDBOX_PATH = "/alipay-sandbox";

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** How often pending orders past their time are settled, and how many per round. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 100;

    private final Mode mode;
    private final Database database;
    /** The CLI's way in while this node holds the embedded database; null on PostgreSQL. */
    private final AdminChannel admin;
    private final Javalin http;
    private final String publicUrl;
    private final DemoCredentials demo;
    private final PaymentService payments;
    private final RefundService refunds;
    private final Dispatcher dispatcher;
    private final AlipaySandbox sandbox;
    private final ScheduledExecutorService background;

    private Gateway(Mode mode, Database database, AdminChannel admin, Javalin http, String publicUrl, DemoCredentials demo, PaymentService payments,
            RefundService refunds, Dispatcher dispatcher, AlipaySandbox sandbox, ScheduledExecutorService background) {
        this.refunds = refunds;
        this.dispatcher = dispatcher;
        this.mode = mode;
        this.database = database;
        this.admin = admin;
        this.http = http;
        this.publicUrl = publicUrl;
        this.demo = demo;
        this.payments = payments;
        this.sandbox = sandbox;
        this.background = background;
    }

    /** Starts with the master key of the data folder ({@code QFGATE_MASTER_KEY} if set), as {@code serve} without a key file. */
    public static Gateway start(GatewayConfig config) {
        return start(config, MasterKey.resolve(null, System.getenv(), config.dataDir()).secrets());
    }

    /** Starts with {@code secrets}, the master key that encrypts the stored client keys and Alipay keys. */
    public static Gateway start(GatewayConfig config, Secrets secrets) {
        int port = config.port() == 0 ? freePort() : config.port();
        String publicUrl = stripSlash(config.publicUrl() != null ? config.publicUrl() : "http://127.0.0.1:" + port);
        boolean embedded = config.dbUrl() == null;
        if (embedded) {
            DataFolder.secure(config.dataDir());
        }
        Database database = Database.open(config.jdbcUrl(), config.dbPoolSize(), secrets);
        AdminChannel admin = null;
        try {
            if (embedded) {
                admin = AdminChannel.open(config.dataDir(), database, config.delivery().targets());
                DataFolder.secure(config.dataDir());
            }
            SqlApps sqlApps = new SqlApps(database);
            Stores.Apps apps = new CachedApps(sqlApps, config.appCacheTtl());
            SqlTransactions transactions = new SqlTransactions(database);
            AlipaySetup setup = AlipaySetup.decide(new SqlAlipayAccounts(database), new SqlSandboxPartner(database),
                    config.alipayUrl(), publicUrl);
            DemoCredentials demo = setup.mode() == Mode.SANDBOX ? Bootstrap.demoIfEmpty(sqlApps, config) : null;
            String alipayUrl = setup.gatewayUrl();
            AlipayChannel alipay = new AlipayChannel(setup.account(), alipayUrl, publicUrl + AlipayChannel.NOTIFY_PATH,
                    config.zone());
            AlipaySandbox sandbox = setup.embeddedSandbox()
                    ? new AlipaySandbox(sandboxConfig(setup.account(), config.clock(), publicUrl)) : null;

            Merchants merchants = new Merchants(apps);
            List<Channel> channels = List.of(alipay);
            // Three threads, so that a sweep waiting on Alipay holds up neither notifications nor the CLI.
            ScheduledExecutorService background = Executors.newScheduledThreadPool(3, r -> {
                Thread t = new Thread(r, "qfgate-background");
                t.setDaemon(true);
                return t;
            });
            Dispatcher dispatcher = new Dispatcher(new SqlNotifications(database), apps, config.clock(), config.zone(),
                    config.delivery());
            NotificationJson notices = new NotificationJson(apps, config.clock(), config.zone(),
                    () -> dispatcher.wake(background));
            PaymentService payments = new PaymentService(merchants, transactions, notices, channels, config.clock(),
                    config.zone());
            RefundService refunds = new RefundService(merchants, transactions, notices, channels, config.clock(),
                    config.zone());
            TransactionQueries queries = new TransactionQueries(merchants, transactions, config.clock(), config.zone());
            SignedApi api = new SignedApi(apps, new RateLimits(config.clock()),
                    new ClientIpLimits(config.ipLimits(), config.clock()));

            Javalin http = Javalin.create(cfg -> {
                // Each request on a virtual thread of its own, Jetty's selectors on platform threads.
                // (Javalin's useVirtualThreads runs the selectors as virtual threads too, queued for
                // the same carriers, one per core, as the requests they should be reading: its
                // half-load query p99 was the higher in each of five pairs of runs, docs/performance.md.)
                QueuedThreadPool threads = new QueuedThreadPool();
                threads.setName("qfgate-http");
                threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("qfgate-request-"));
                cfg.jetty.threadPool = threads;
                cfg.http.maxRequestSize = SignedApi.MAX_BODY_BYTES;
                // Javalin copies each answer to the response through a buffer of this size, allocated
                // per response (Jetty's 32 kB by default: two fifths of a request's garbage). Answers are
                // a few hundred bytes; above 1,500 bytes (compression's threshold, decided on the first
                // write) the choice to compress is the same as with the default.
                cfg.http.responseBufferSize = 4096;
                cfg.startup.showJavalinBanner = false;
                cfg.jetty.host = config.host();
                cfg.jetty.port = port;
                // The cheapest answer this server can give: the benchmark's yardstick for HTTP alone.
                cfg.routes.get("/ping", ctx -> ctx.result("pong"));
                cfg.routes.get("/healthz", ctx -> {
                    database.jdbi().useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                    ctx.result("ok");
                });
                cfg.routes.get("/status", ctx -> ctx.json(Map.of("mode", setup.mode().label(),
                        "database", embedded ? "h2" : "postgresql")));
                cfg.routes.post("/trade/v1/payment", api.handler(new PaymentEndpoint(payments, config.delivery().targets())));
                cfg.routes.post("/trade/v1/query", api.handler(new QueryEndpoint(queries)));
                cfg.routes.post("/trade/v1/refund", api.handler(new RefundEndpoint(refunds, config.delivery().targets())));
                var cancel = api.handler(new CancelEndpoint(payments));
                for (String path : List.of("/trade/v1/reversal", "/trade/v1/close")) {
                    cfg.routes.get(path, cancel);
                    cfg.routes.post(path, cancel);
                }
                cfg.routes.post("/trade/v1/add_note", api.handler(new AddNoteEndpoint(payments)));
                cfg.routes.get("/download/v1/trade_bill", api.fileHandler(new TradeBillEndpoint(queries)));
                cfg.routes.post(AlipayChannel.NOTIFY_PATH, new AlipayNotifyHandler(alipay, payments));
                if (sandbox != null) {
                    sandbox.mount(cfg.routes, SANDBOX_PATH);
                }
            });
            http.start();
            background.scheduleWithFixedDelay(() -> sweep(payments, refunds), SWEEP_EVERY.toMillis(),
                    SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            long deliverEvery = config.delivery().pollEvery().toMillis();
            background.scheduleWithFixedDelay(dispatcher::deliverAllDue, deliverEvery, deliverEvery, TimeUnit.MILLISECONDS);
            if (sandbox != null) {
                sandbox.startBackgroundTicks();
            }
            if (admin != null) {
                background.scheduleWithFixedDelay(admin::answerWaiting, AdminChannel.POLL_MILLIS,
                        AdminChannel.POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            log.info("qfgate listening on {} in {} mode (database {}, Alipay at {})", publicUrl, setup.mode().label(),
                    embedded ? "H2 in " + config.dataDir() : "PostgreSQL", alipayUrl);
            return new Gateway(setup.mode(), database, admin, http, publicUrl, demo, payments, refunds, dispatcher, sandbox, background);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            database.close();
            throw e;
        }
    }

    public Mode mode() {
        return mode;
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** The demo credentials made on this start, or null if the database already had apps. */
    public DemoCredentials demo() {
        return demo;
    }

    public Database database() {
        return database;
    }

    public PaymentService payments() {
        return payments;
    }

    public RefundService refunds() {
        return refunds;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The embedded Alipay sandbox, or null when the gateway talks to another Alipay. */
    public AlipaySandbox sandbox() {
        return sandbox;
    }

    /** The sandbox's partner: the gateway's own Alipay account, with a sandbox merchant name. */
    public static SandboxConfig sandboxConfig(AlipayAccount account, Clock clock, String publicUrl) {
        Partner partner = new Partner(account.partner(), account.md5Key(), null, "qfgate");
        SandboxConfig config = SandboxConfig.defaults(clock, List.of(partner));
        // The QR code needs an absolute wallet URL; a public URL with a path is left to the Host header.
        return publicUrl.matches("https?://[^/?#\\s]+") ? config.withPublicBaseUrl(publicUrl) : config;
    }


    /** Time-driven work, in batches: expire unpaid orders, settle refunds whose outcome was unknown. */
    private static void sweep(PaymentService payments, RefundService refunds) {
        try {
            payments.expireDue(SWEEP_BATCH);
            refunds.settlePending(SWEEP_BATCH);
        } catch (RuntimeException e) {
            log.error("sweep failed; the next one retries", e);
        }
    }

    @Override
    public void close() {
        http.stop();
        // Let a delivery round in flight record its attempts before the database goes away;
        // whatever does not finish in time is sent again after a restart (its lease runs out).
        background.shutdown();
        try {
            if (!background.awaitTermination(15, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        if (sandbox != null) {
            sandbox.close();
        }
        database.close();
        if (admin != null) {
            admin.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
