package io.qfgate.server.ops;

import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.api.NotificationJson;
import io.qfgate.server.api.RateLimits;
import io.qfgate.server.api.SignedApi;
import io.qfgate.server.channel.alipay.AlipayChannel;
import io.qfgate.server.domain.Channel;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.ConsoleStores;
import io.qfgate.server.domain.CustomsService;
import io.qfgate.server.domain.Merchants;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.RefundService;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.TransactionQueries;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.store.CachedApps;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import io.qfgate.server.store.SqlConsoleSessions;
import io.qfgate.server.store.SqlCustomsDeclarations;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlNotifications;
import io.qfgate.server.store.SqlSandboxLedger;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlTransactions;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.web.demo.DemoStore;
import java.net.URI;
import io.qfgate.server.web.console.ConsoleHomes;
import io.qfgate.server.web.console.ConsoleWeb;
import io.qfgate.server.web.console.admin.AdminPages;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's services, wired on its database: the stores, the Alipay channel (and in sandbox mode
 * the embedded sandbox), the domain services, the outbox's dispatcher, the signed API and the
 * consoles.
 */
record Services(
        AlipaySetup setup,
        Stores.Apps apps,
        DemoCredentials demo,
        AlipayChannel alipay,
        AlipaySandbox sandbox,
        Dispatcher dispatcher,
        TargetPolicy notifyTargets,
        PaymentService payments,
        RefundService refunds,
        TransactionQueries queries,
        CustomsService customs,
        SignedApi api,
        ConsoleWeb consoles,
        AdminConsole admin) {

    /** What the operators' console needs of this node's other services. */
    record Parts(TargetPolicy targets, java.util.Set<io.qfgate.protocol.PayType> carried, Mode mode,
            RateLimits appLimits, ClientIpLimits addressLimits, Runnable wakeDispatcher) {}

    /** {@code background} runs the dispatcher's deliveries when a new notice wakes it. */
    static Services wire(Database database, GatewayConfig config, String publicUrl,
            ScheduledExecutorService background) {
        SqlApps sqlApps = new SqlApps(database);
        Stores.Apps apps = new CachedApps(sqlApps, config.appCacheTtl());
        AlipaySetup setup = AlipaySetup.decide(new SqlAlipayAccounts(database), new SqlSandboxPartner(database),
                config.alipayUrl(), publicUrl);
        ConsoleAuth consoleAuth = consoleAuth(database, config.clock(), config.zone());
        DemoCredentials demo = setup.mode() == Mode.SANDBOX
                ? Bootstrap.demoIfEmpty(sqlApps, consoleAuth, config, publicUrl) : null;
        AlipayChannel alipay = new AlipayChannel(setup.account(), setup.gatewayUrl(),
                publicUrl + AlipayChannel.NOTIFY_PATH, config.zone());
        AlipaySandbox sandbox = setup.embeddedSandbox()
                ? new AlipaySandbox(Gateway.sandboxConfig(setup.account(), config.clock(), publicUrl),
                        new SqlSandboxLedger(database)) : null;

        Merchants merchants = new Merchants(apps);
        List<Channel> channels = List.of(alipay);
        SqlTransactions transactions = new SqlTransactions(database);
        // In sandbox mode the demo store hears its notices at the gateway's own address, which the
        // rules for merchants' servers (ports 80/443, public addresses) would refuse.
        TargetPolicy targets = setup.mode() == Mode.SANDBOX
                ? config.delivery().targets().allowingOwn(URI.create(publicUrl + DemoStore.NOTIFY_PATH))
                : config.delivery().targets();
        Dispatcher dispatcher = new Dispatcher(new SqlNotifications(database), apps, config.clock(), config.zone(),
                config.delivery().withTargets(targets));
        NotificationJson notices = new NotificationJson(apps, config.clock(), config.zone(),
                () -> dispatcher.wake(background));
        RefundService refunds = new RefundService(merchants, transactions, notices, channels, config.clock(),
                config.zone());
        TransactionQueries queries = new TransactionQueries(merchants, transactions, config.clock(), config.zone());
        ConsoleHomes homes = new ConsoleHomes(apps, queries, directory(sqlApps));
        RateLimits appLimits = new RateLimits(config.clock());
        ClientIpLimits addressLimits = new ClientIpLimits(config.ipLimits(), config.clock());
        AdminConsole admin = AdminConsole.over(database, config, new Parts(targets, alipay.payTypes(), setup.mode(),
                appLimits, addressLimits, () -> dispatcher.wake(background)));
        return new Services(setup, apps, demo, alipay, sandbox, dispatcher, targets,
                new PaymentService(merchants, transactions, notices, refunds, channels, config.clock(), config.zone()),
                refunds,
                queries,
                new CustomsService(merchants, transactions, new SqlCustomsDeclarations(database), alipay,
                        config.clock(), config.zone()),
                new SignedApi(apps, appLimits, addressLimits),
                ConsoleWeb.of(consoleAuth, homes, publicUrl, new AdminPages(admin, consoleAuth)),
                admin);
    }

    /** Sign-in to the consoles over this database: the gateway's, and the command line's to create accounts. */
    static ConsoleAuth consoleAuth(Database database, Clock clock, ZoneOffset zone) {
        SqlConsoleSessions sessions = new SqlConsoleSessions(database);
        return ConsoleAuth.over(new SqlConsoleAccounts(database), sessions, sessions, new SqlAuditLog(database),
                ConsoleAuth.Settings.defaults(), clock, zone);
    }

    /** Every app and merchant, read fresh (the operators' console lists them). */
    private static ConsoleStores.Directory directory(SqlApps apps) {
        return new ConsoleStores.Directory() {
            @Override
            public List<io.qfgate.server.domain.App> apps() {
                return apps.allApps();
            }

            @Override
            public List<io.qfgate.server.domain.Merchant> merchantsOf(long appId) {
                return apps.merchantsOfApp(appId);
            }
        };
    }
}
