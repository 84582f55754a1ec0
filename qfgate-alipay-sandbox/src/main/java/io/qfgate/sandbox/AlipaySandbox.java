package io.qfgate.sandbox;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.qfgate.sandbox.ledger.Ledger;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.notify.Notifier;
import io.qfgate.sandbox.web.Partners;
import io.qfgate.sandbox.web.SandboxRoutes;
import java.nio.file.Path;
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
 * or {@link #main}. State is in memory.
 */
public final class AlipaySandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlipaySandbox.class);

    private final SandboxConfig config;
    private final Partners partners;
    private final Notifier notifier;
    private final Ledger ledger;
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile ScheduledExecutorService ticker;

    public AlipaySandbox(SandboxConfig config) {
        this.config = config;
        this.partners = new Partners(config.partners());
        this.notifier = new Notifier(config.clock(), partners::require, config.notifyRetryDelays(),
                config.notifyTimeout(), config.orderRetention());
        this.ledger = new Ledger(config.clock(), config.cnyRates(), config.buyers(), config.orderRetention(),
                this::paid);
    }

    /** Registers every route under {@code prefix} ("" or like {@code /alipay-sandbox}). */
    public void mount(RoutesConfig routes, String prefix) {
        SandboxRoutes.mount(routes, prefix, ledger, partners, notifier, config.publicBaseUrl());
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

    /** The sandbox alone on {@code port} (0 for any free one), routes at the root like Alipay's. */
    public static Javalin standalone(SandboxConfig config, int port) {
        AlipaySandbox sandbox = new AlipaySandbox(config);
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
        Javalin app = standalone(ConfigFile.read(configFile, Clock.systemUTC()), port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "alipay-sandbox-stop"));
        System.out.println("Alipay sandbox: http://localhost:" + app.port() + "/gateway.do");
    }

    private void paid(OrderView order) {
        if (order.terms().notifyUrl() != null) {
            notifier.enqueue(order.terms().partnerId(), order.terms().notifyUrl(), order.tradeFields());
        }
        ScheduledExecutorService running = ticker;
        if (running != null) {
            try {
                running.execute(this::tickLogged); // tell the merchant now, not at the next second
            } catch (RejectedExecutionException closing) {
                // Shutting down: the payment stands; its notification waits in memory with the rest.
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
