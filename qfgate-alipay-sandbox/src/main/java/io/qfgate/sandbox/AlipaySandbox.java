package io.qfgate.sandbox;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.qfgate.sandbox.customs.CustomsDesk;
import io.qfgate.sandbox.ledger.Ledger;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.notify.Notifier;
import io.qfgate.sandbox.web.Partners;
import io.qfgate.sandbox.web.SandboxRoutes;
import io.qfgate.sandbox.store.MemoryStore;
import io.qfgate.sandbox.store.Notice;
import io.qfgate.sandbox.store.SandboxStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay's MAPI gateway ({@code gateway.do}: {@code create_forex_trade},
 * {@code create_forex_trade_wap}, {@code single_trade_query}, {@code forex_refund},
 * {@code close_trade}, {@code notify_verify}) and the shopper's phone wallet, so that an Alipay
 * online payment runs on one machine. Whoever talks to it sees only the MAPI protocol.
 *
 * <p>Embedded: {@link #mount} the routes into the host's Javalin, call
 * {@link #startBackgroundTicks()}, and {@link #close()} on shutdown. Alone: {@link #standalone}
 * or {@link #main}. Its books (trades, refunds, balances, notifications) are in the
 * {@link SandboxStore} it is given: the gateway passes one on its database, so restarts and nodes
 * share them; without one they are in memory.
 */
public final class AlipaySandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlipaySandbox.class);

    private final SandboxConfig config;
    private final Partners partners;
    private final AlipaySigner signer;
    private final KeyPair alipayKeys;
    private final Notifier notifier;
    private final Ledger ledger;
    private final CustomsDesk customs;
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile ScheduledExecutorService ticker;

    /** A sandbox whose books are in memory, gone when it stops. */
    public AlipaySandbox(SandboxConfig config) {
        this(config, new MemoryStore());
    }

    /** A sandbox keeping its books in {@code store}; several sandboxes may share one. */
    public AlipaySandbox(SandboxConfig config, SandboxStore store) {
        this.config = config;
        this.partners = new Partners(config.partners());
        boolean rsa = config.partners().stream().anyMatch(Partner::usesRsa);
        this.alipayKeys = config.alipayKeys() != null ? config.alipayKeys() : rsa ? AlipaySigner.newKeys() : null;
        this.signer = new AlipaySigner(alipayKeys);
        this.notifier = new Notifier(config.clock(), partners::require, signer, store, config.notifyRetryDelays(),
                config.notifyTimeout(), config.orderRetention());
        this.ledger = new Ledger(config.clock(), config.cnyRates(), config.buyers(), config.orderRetention(), store,
                this::noticeOf, this::paid);
        this.customs = new CustomsDesk(config.clock(), store);
    }

    /** The public key RSA2 partners check the sandbox's signatures with; null when none uses RSA2. */
    public String alipayPublicKeyBase64() {
        return alipayKeys == null ? null : AlipaySigner.publicKeyBase64(alipayKeys);
    }

    /** Registers every route under {@code prefix} ("" or like {@code /alipay-sandbox}). */
    public void mount(RoutesConfig routes, String prefix) {
        SandboxRoutes.mount(routes, prefix, ledger, partners, signer, notifier, customs, config.publicBaseUrl());
    }

    /**
     * Runs due work against the clock: closes unpaid orders past their validity, forgets old
     * ones, sends due notifications and waits for their answers. Ticks never overlap.
     */
    public void tick() {
        ticking.lock();
        try {
            ledger.sweep();
            notifier.deliverDue();
        } finally {
            ticking.unlock();
        }
    }

    /** Ticks every second from now on, until {@link #close()}. Calling it again changes nothing. */
    public synchronized void startBackgroundTicks() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alipay-sandbox-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tickLogged, 1, 1, TimeUnit.SECONDS);
    }

    /** A buyer's CNY balance in fen, for tests and demos. */
    public long balanceFen(String buyerLogin) {
        return ledger.balanceFen(buyerLogin);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
        notifier.close();
    }

    /** The sandbox alone on {@code port} (0 for any free one), routes at the root like Alipay's; books in memory. */
    public static Javalin standalone(SandboxConfig config, int port) {
        return standalone(config, new MemoryStore(), port);
    }

    /** The sandbox alone on {@code port}, keeping its books in {@code store}. */
    public static Javalin standalone(SandboxConfig config, SandboxStore store, int port) {
        AlipaySandbox sandbox = new AlipaySandbox(config, store);
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            sandbox.mount(cfg.routes, "");
            cfg.events.serverStopped(sandbox::close);
        });
        app.start(port);
        sandbox.startBackgroundTicks();
        return app;
    }

    /** {@code --port N --config partners.json}: see the module README for the file. */
    public static void main(String[] args) throws Exception {
        Integer port = null;
        Path configFile = null;
        boolean understood = args.length % 2 == 0;
        for (int i = 0; understood && i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--config" -> configFile = Path.of(args[i + 1]);
                default -> understood = false;
            }
        }
        if (!understood || port == null || configFile == null) {
            System.err.println("usage: AlipaySandbox --port N --config partners.json");
            System.exit(2);
        }
        SandboxConfig config = ConfigFile.read(configFile, Clock.systemUTC());
        if (config.alipayKeys() == null && config.partners().stream().anyMatch(Partner::usesRsa)) {
            // Made here rather than at start, so that the merchant can be told the public key.
            config = config.withAlipayKeys(AlipaySigner.newKeys());
            System.out.println("Alipay public key for RSA2 partners (new on every start; set alipay_private_key in "
                    + configFile + " to keep one): " + AlipaySigner.publicKeyBase64(config.alipayKeys()));
        }
        Javalin app = standalone(config, port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "alipay-sandbox-stop"));
        System.out.println("Alipay sandbox: http://localhost:" + app.port() + "/gateway.do");
    }

    private Notice noticeOf(OrderView paid) {
        String url = paid.terms().notifyUrl();
        return url == null ? null : notifier.notice(paid.terms().partnerId(), url, paid.tradeFields());
    }

    private void paid(OrderView order) {
        ScheduledExecutorService running = ticker;
        if (running != null) {
            try {
                running.execute(this::tickLogged); // tell the merchant now, not at the next second
            } catch (RejectedExecutionException closing) {
                // Shutting down: the payment stands; its notification waits in the store with the rest.
            }
        }
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("sandbox tick failed; the next one retries", e);
        }
    }
}
