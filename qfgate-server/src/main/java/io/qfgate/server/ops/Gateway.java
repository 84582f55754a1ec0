package io.qfgate.server.ops;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.qfgate.server.api.AddNoteEndpoint;
import io.qfgate.server.api.CancelEndpoint;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.api.CustomsEndpoint;
import io.qfgate.server.api.PaymentEndpoint;
import io.qfgate.server.api.QueryEndpoint;
import io.qfgate.server.api.RefundEndpoint;
import io.qfgate.server.api.TradeBillEndpoint;
import io.qfgate.server.api.SignedApi;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.server.web.FloodGuard;
import io.qfgate.server.web.PageErrors;
import io.qfgate.server.web.WebAssets;
import io.qfgate.server.web.checkstand.Checkstand;
import io.qfgate.server.web.demo.DemoStore;
import io.qfgate.server.store.SqlApps;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.SandboxConfig;
import io.qfgate.server.channel.alipay.AlipayChannel;
import io.qfgate.server.channel.alipay.AlipayNotifyHandler;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.RefundService;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.Secrets;
import java.security.KeyPair;
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

    private final Services services;
    private final Database database;
    /** The CLI's way in while this node holds the embedded database; null on PostgreSQL. */
    private final AdminChannel admin;
    private final Javalin http;
    private final String publicUrl;
    private final ScheduledExecutorService background;

    private Gateway(Services services, Database database, AdminChannel admin, Javalin http, String publicUrl,
            ScheduledExecutorService background) {
        this.services = services;
        this.database = database;
        this.admin = admin;
        this.http = http;
        this.publicUrl = publicUrl;
        this.background = background;
    }

    /** Starts with the master key of the data folder ({@code QFGATE_MASTER_KEY} if set), as {@code serve} without a key file. */
    public static Gateway start(GatewayConfig config) {
        return start(config, MasterKey.resolve(null, System.getenv(), config.dataDir()).secrets());
    }

    /**
     * Starts a node with {@code secrets}, the master key that encrypts the stored client keys and
     * Alipay keys: the database (and on H2 the admin channel), the services, the routes, then the
     * time-driven work.
     */
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
            ScheduledExecutorService background = backgroundThreads();
            Services services = Services.wire(database, config, publicUrl, background);
            Javalin http = Javalin.create(cfg -> {
                server(cfg, config.host(), port);
                routes(cfg.routes, services, database, config, publicUrl);
                PageErrors.register(cfg.routes, Gateway::isPage, database::isUnavailable);
            });
            http.start();
            schedule(background, services, admin, config);
            log.info("qfgate listening on {} in {} mode (database {}, Alipay at {})", publicUrl,
                    services.setup().mode().label(), embedded ? "H2 in " + config.dataDir() : "PostgreSQL",
                    services.setup().gatewayUrl());
            return new Gateway(services, database, admin, http, publicUrl, background);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            database.close();
            throw e;
        }
    }

    /** Three threads, so that a sweep waiting on Alipay holds up neither notifications nor the CLI. */
    private static ScheduledExecutorService backgroundThreads() {
        return Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "qfgate-background");
            t.setDaemon(true);
            return t;
        });
    }

    private static void server(JavalinConfig cfg, String host, int port) {
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
        cfg.jetty.host = host;
        cfg.jetty.port = port;
    }

    private static void routes(RoutesConfig routes, Services s, Database database, GatewayConfig config,
            String publicUrl) {
        // The cheapest answer this server can give: the benchmark's yardstick for HTTP alone.
        routes.get("/ping", ctx -> ctx.result("pong"));
        WebAssets.mount(routes);
        routes.get("/healthz", ctx -> {
            database.jdbi().useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            ctx.result("ok");
        });
        routes.get("/status", ctx -> ctx.json(Map.of("mode", s.setup().mode().label(),
                "database", config.dbUrl() == null ? "h2" : "postgresql")));
        SignedApi api = s.api();
        routes.post("/trade/v1/payment", api.handler(new PaymentEndpoint(s.payments(), s.notifyTargets())));
        routes.post("/trade/v1/query", api.handler(new QueryEndpoint(s.queries())));
        routes.post("/trade/v1/refund", api.handler(new RefundEndpoint(s.refunds(), s.notifyTargets())));
        var cancel = api.handler(new CancelEndpoint(s.payments()));
        for (String path : List.of("/trade/v1/reversal", "/trade/v1/close")) {
            routes.get(path, cancel);
            routes.post(path, cancel);
        }
        routes.post("/trade/v1/add_note", api.handler(new AddNoteEndpoint(s.payments())));
        routes.get("/download/v1/trade_bill", api.fileHandler(new TradeBillEndpoint(s.queries())));
        var customs = new CustomsEndpoint(s.customs());
        routes.post("/custom/v1/declare", api.handler(customs.declare()));
        routes.get("/custom/v1/query", api.handler(customs.query()));
        routes.post("/custom/v1/query", api.handler(customs.query()));
        routes.post("/custom/v1/redeclare", api.handler(customs.redeclare()));
        // The pages' own allowance per address, with the API's settings: a shopper's polls do not
        // use up a merchant server's calls behind the same address, nor the other way round.
        FloodGuard pageGuard = FloodGuard.of(new ClientIpLimits(config.ipLimits(), config.clock())::secondsToWait);
        new Checkstand(s.apps(), s.payments(), s.notifyTargets(), s.setup().gatewayUrl(), config.clock())
                .mount(routes, pageGuard);
        routes.post(AlipayChannel.NOTIFY_PATH, new AlipayNotifyHandler(s.alipay(), s.payments()));
        s.consoles().mount(routes, pageGuard);
        if (s.sandbox() != null) {
            s.sandbox().mount(routes, SANDBOX_PATH);
        }
        // The demo store in sandbox mode; a production gateway's home page only names it.
        DemoStore.mount(routes, s.setup().mode() == Mode.SANDBOX ? () -> Bootstrap.demoMerchant(new SqlApps(database))
                : null, publicUrl, config.clock(), config.zone(), pageGuard);
    }

    /** Every path but the machines' (the signed API, Alipay's notifications, the probes) is a page for people. */
    private static boolean isPage(String path) {
        return !(path.startsWith("/trade/") || path.startsWith("/custom/") || path.startsWith("/download/")
                || path.equals(AlipayChannel.NOTIFY_PATH) || path.equals(DemoStore.NOTIFY_PATH)
                || path.equals("/ping") || path.equals("/healthz") || path.equals("/status"));
    }

    /** The time-driven work: expiry and refund sweeps, deliveries, the sandbox's clock, the admin channel. */
    private static void schedule(ScheduledExecutorService background, Services s, AdminChannel admin,
            GatewayConfig config) {
        background.scheduleWithFixedDelay(() -> sweep(s.payments(), s.refunds()), SWEEP_EVERY.toMillis(),
                SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long deliverEvery = config.delivery().pollEvery().toMillis();
        background.scheduleWithFixedDelay(s.dispatcher()::deliverAllDue, deliverEvery, deliverEvery,
                TimeUnit.MILLISECONDS);
        // Right away, so the operators' console lists this node from its start.
        background.scheduleWithFixedDelay(() -> heartbeat(s.admin()), 0, AdminConsole.BEAT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        if (s.sandbox() != null) {
            s.sandbox().startBackgroundTicks();
        }
        if (admin != null) {
            background.scheduleWithFixedDelay(admin::answerWaiting, AdminChannel.POLL_MILLIS,
                    AdminChannel.POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public Mode mode() {
        return services.setup().mode();
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** The demo credentials made on this start, or null if the database already had apps. */
    public DemoCredentials demo() {
        return services.demo();
    }

    public Database database() {
        return database;
    }

    /** Every HTTP route as {@code "METHOD /path"}: a test holds each console route to its guard. */
    public List<String> routes() {
        return http.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    public PaymentService payments() {
        return services.payments();
    }

    public RefundService refunds() {
        return services.refunds();
    }

    public Dispatcher dispatcher() {
        return services.dispatcher();
    }

    /** The embedded Alipay sandbox, or null when the gateway talks to another Alipay. */
    public AlipaySandbox sandbox() {
        return services.sandbox();
    }

    /** The sandbox's partner: the gateway's own Alipay account, with a sandbox merchant name. */
    public static SandboxConfig sandboxConfig(SqlSandboxPartner.Partner stored, Clock clock, String publicUrl) {
        boolean rsa2 = stored.signType() == SqlSandboxPartner.SignType.RSA2;
        Partner partner = new Partner(stored.partner(), stored.md5Key(),
                rsa2 ? stored.rsa().merchantPublicKey() : null, "qfgate");
        SandboxConfig config = SandboxConfig.defaults(clock, List.of(partner));
        if (rsa2) {
            // Alipay's key pair from the database: every node and every restart signs with the one
            // whose public half the gateway checks with.
            config = config.withAlipayKeys(new KeyPair(MapiSignature.publicKey(stored.rsa().alipayPublicKey()),
                    MapiSignature.privateKey(stored.rsa().alipayPrivateKey())));
        }
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

    /** A failed heartbeat is logged and retried at the next beat: a scheduled task that throws would stop. */
    private static void heartbeat(AdminConsole admin) {
        try {
            admin.beat();
        } catch (RuntimeException e) {
            log.warn("node heartbeat failed; the next one retries", e);
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
        services.dispatcher().close();
        if (services.sandbox() != null) {
            services.sandbox().close();
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
