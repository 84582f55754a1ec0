package io.qfgate.server.ops;

import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.api.NotificationJson;
import io.qfgate.server.api.RateLimits;
import io.qfgate.server.api.SignedApi;
import io.qfgate.server.channel.alipay.AlipayChannel;
import io.qfgate.server.domain.Channel;
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
import io.qfgate.server.store.SqlCustomsDeclarations;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlNotifications;
import io.qfgate.server.store.SqlSandboxLedger;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlTransactions;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's services, wired on its database: the stores, the Alipay channel (and in sandbox mode
 * the embedded sandbox), the domain services, the outbox's dispatcher and the signed API.
 */
record Services(
        AlipaySetup setup,
        DemoCredentials demo,
        AlipayChannel alipay,
        AlipaySandbox sandbox,
        Dispatcher dispatcher,
        PaymentService payments,
        RefundService refunds,
        TransactionQueries queries,
        CustomsService customs,
        SignedApi api) {

    /** {@code background} runs the dispatcher's deliveries when a new notice wakes it. */
    static Services wire(Database database, GatewayConfig config, String publicUrl,
            ScheduledExecutorService background) {
        SqlApps sqlApps = new SqlApps(database);
        Stores.Apps apps = new CachedApps(sqlApps, config.appCacheTtl());
        AlipaySetup setup = AlipaySetup.decide(new SqlAlipayAccounts(database), new SqlSandboxPartner(database),
                config.alipayUrl(), publicUrl);
        DemoCredentials demo = setup.mode() == Mode.SANDBOX ? Bootstrap.demoIfEmpty(sqlApps, config) : null;
        AlipayChannel alipay = new AlipayChannel(setup.account(), setup.gatewayUrl(),
                publicUrl + AlipayChannel.NOTIFY_PATH, config.zone());
        AlipaySandbox sandbox = setup.embeddedSandbox()
                ? new AlipaySandbox(Gateway.sandboxConfig(setup.embedded(), config.clock(), publicUrl),
                        new SqlSandboxLedger(database)) : null;

        Merchants merchants = new Merchants(apps);
        List<Channel> channels = List.of(alipay);
        SqlTransactions transactions = new SqlTransactions(database);
        Dispatcher dispatcher = new Dispatcher(new SqlNotifications(database), apps, config.clock(), config.zone(),
                config.delivery());
        NotificationJson notices = new NotificationJson(apps, config.clock(), config.zone(),
                () -> dispatcher.wake(background));
        RefundService refunds = new RefundService(merchants, transactions, notices, channels, config.clock(),
                config.zone());
        return new Services(setup, demo, alipay, sandbox, dispatcher,
                new PaymentService(merchants, transactions, notices, refunds, channels, config.clock(), config.zone()),
                refunds,
                new TransactionQueries(merchants, transactions, config.clock(), config.zone()),
                new CustomsService(merchants, transactions, new SqlCustomsDeclarations(database), alipay,
                        config.clock(), config.zone()),
                new SignedApi(apps, new RateLimits(config.clock()), new ClientIpLimits(config.ipLimits(), config.clock())));
    }
}
