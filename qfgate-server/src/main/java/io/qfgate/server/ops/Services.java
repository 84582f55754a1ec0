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
import io.qfgate.server.domain.PortalTransactions;
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
import io.qfgate.server.web.console.merchant.PortalMore;
import io.qfgate.server.domain.PortalDashboard;
import io.qfgate.server.domain.PortalDevelopers;
import io.qfgate.server.domain.PortalStaff;
import io.qfgate.server.domain.TradeBill;
import io.qfgate.server.store.SqlDashboard;
import io.qfgate.server.store.SqlDeliveries;
import io.qfgate.server.store.SqlPortalStaff;
import io.qfgate.server.web.console.transactions.TransactionPages;
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
                ? new AlipaySandbox(Gateway.sandboxConfig(setup.embedded(), config.clock(), publicUrl),
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
        PaymentService payments = new PaymentService(merchants, transactions, notices, refunds, channels, config.clock(),
                config.zone());
        PortalTransactions portalTransactions = PortalTransactions.over(apps, transactions,
                new PortalTransactions.Services(payments, refunds, new SqlNotifications(database),
                        () -> dispatcher.wake(background)),
                new SqlAuditLog(database), config.clock(), config.zone());
        RateLimits appLimits = new RateLimits(config.clock());
        ClientIpLimits addressLimits = new ClientIpLimits(config.ipLimits(), config.clock());
        AdminConsole admin = AdminConsole.over(database, config, new Parts(targets, alipay.payTypes(), setup.mode(),
                appLimits, addressLimits, () -> dispatcher.wake(background)));
        return new Services(setup, apps, demo, alipay, sandbox, dispatcher, targets,
                payments,
                refunds,
                queries,
                new CustomsService(merchants, transactions, new SqlCustomsDeclarations(database), alipay,
                        config.clock(), config.zone()),
                new SignedApi(apps, appLimits, addressLimits),
                ConsoleWeb.of(consoleAuth, homes, publicUrl, new TransactionPages(portalTransactions),
                        portalMore(database, sqlApps, (CachedApps) apps, merchants, queries, dispatcher, config),
                        new AdminPages(admin, consoleAuth)),
                admin);
    }

    /** The portal's dashboard, statements, developer and staff pages. */
    private static PortalMore portalMore(Database database, SqlApps sqlApps, CachedApps cachedApps, Merchants merchants,
            TransactionQueries queries, Dispatcher dispatcher, GatewayConfig config) {
        SqlAuditLog audit = new SqlAuditLog(database);
        SqlDeliveries deliveries = new SqlDeliveries(database);
        PortalDevelopers.Store keys = new PortalDevelopers.Store() {
            @Override
            public void replaceClientKey(io.qfgate.server.domain.App app, String newKey) {
                sqlApps.updateApp(app.id(), null, null, null, null, newKey);
                cachedApps.forget(app);
            }

            @Override
            public List<PortalDevelopers.Delivery> newestDeliveries(long appId, int limit) {
                return deliveries.newest(appId, limit);
            }
        };
        return PortalMore.over(new PortalMore.Parts(cachedApps,
                new PortalDashboard(merchants, new SqlDashboard(database), config.clock(), config.zone()),
                new TradeBill(queries),
                new PortalDevelopers.Builder().stores(merchants, keys, audit)
                        .notices(dispatcher::sendOnce, NotificationJson::testBody)
                        .keysAndTime(Keys::hex32, config.clock(), config.zone()).build(),
                new PortalStaff(new SqlPortalStaff(database), new SqlConsoleAccounts(database), audit, config.clock(),
                        config.zone())));
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
