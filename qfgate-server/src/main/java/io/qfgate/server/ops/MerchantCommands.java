package io.qfgate.server.ops;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.MerchantRules;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlApps;
import java.util.EnumSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./qfgate merchant …}: apps, agents, sub-merchants and what each may accept. */
@Command(name = "merchant", mixinStandardHelpOptions = true,
        description = "Create and manage merchant apps, agents and sub-merchants.",
        subcommands = {
            MerchantCommands.ListApps.class, MerchantCommands.Create.class, MerchantCommands.CreateAgent.class,
            MerchantCommands.AddSub.class, MerchantCommands.UpdateApp.class, MerchantCommands.UpdateMerchant.class,
            MerchantCommands.RotateKey.class, MerchantCommands.DisableApp.class, MerchantCommands.EnableApp.class
        })
final class MerchantCommands {

    /** Options describing a merchant's business. */
    static final class MerchantOptions {
        @Option(names = "--mcc", description = "Merchant category code (4 digits) shown to Alipay")
        String mcc;

        @Option(names = "--pay-types", split = ",", description = "Enabled pay types, e.g. 801101,801107")
        String[] payTypes;

        @Option(names = "--currencies", split = ",", description = "Enabled currencies, e.g. HKD,USD")
        String[] currencies;

        @Option(names = "--notify-url", description = "Where this merchant's payment notifications go")
        String notifyUrl;

        /** The merchant as given; {@code checkedNotifyUrl} is {@link #notifyUrl} once the command has checked it. */
        SqlApps.NewMerchant toNew(String name, boolean withDefaults, String checkedNotifyUrl) {
            return new SqlApps.NewMerchant(
                    name == null ? null : MerchantRules.name(name),
                    mcc != null ? MerchantRules.mcc(mcc) : withDefaults ? Bootstrap.DEFAULT_MCC : null,
                    payTypes != null ? MerchantRules.payTypes(payTypes, Bootstrap.ALIPAY_ONLINE)
                            : withDefaults ? Bootstrap.ALIPAY_ONLINE : null,
                    currencies != null ? MerchantRules.currencies(currencies)
                            : withDefaults ? EnumSet.allOf(Currency.class) : null,
                    checkedNotifyUrl);
        }
    }

    /** A command on the apps and merchants. */
    abstract static class DbCommand extends ManagementCommand {
        @Override
        final int run(Database db) {
            run(new SqlApps(db));
            return 0;
        }

        abstract void run(SqlApps apps);

        static App app(SqlApps apps, String appCode) {
            return apps.byAppCode(appCode).orElseThrow(() -> new IllegalArgumentException("no app " + appCode));
        }
    }

    @Command(name = "list", description = "List apps and their merchants (keys are not shown).")
    static final class ListApps extends DbCommand {
        @Override
        void run(SqlApps apps) {
            for (App app : apps.allApps()) {
                out().printf("%s  %-8s %s%s  rate=%d/s,%d/min notify_url=%s%n", app.appCode(), app.kind().dbName(),
                        app.name(), app.enabled() ? "" : "  DISABLED", app.ratePerSecond(), app.ratePerMinute(),
                        orDash(app.notifyUrl()));
                for (Merchant m : apps.merchantsOfApp(app.id())) {
                    out().printf("    merchant %s mchid=%s mcc=%s %s pay_types=%s currencies=%s notify_url=%s%n",
                            m.name(), orDash(m.mchid()), m.mcc(), m.enabled() ? "enabled" : "DISABLED",
                            m.payTypes().stream().map(PayType::code).sorted().collect(Collectors.joining(",")),
                            m.currencies().stream().map(Currency::name).sorted().collect(Collectors.joining(",")),
                            orDash(m.notifyUrl()));
                }
            }
        }
    }

    @Command(name = "create", description = "Create a direct merchant app; prints its app_code and client_key.")
    static final class Create extends DbCommand {
        @Option(names = "--name", required = true)
        String name;

        @CommandLine.Mixin
        MerchantOptions merchant = new MerchantOptions();

        @Override
        void run(SqlApps apps) {
            App app = apps.createApp(Bootstrap.newApp(App.Kind.MERCHANT, MerchantRules.name(name)),
                    merchant.toNew(name, true, notifyUrl(merchant.notifyUrl)), now());
            out().printf("app_code=%s%nclient_key=%s%n", app.appCode(), app.clientKey());
        }
    }

    @Command(name = "create-agent", description = "Create an agent app; prints its app_code and client_key.")
    static final class CreateAgent extends DbCommand {
        @Option(names = "--name", required = true)
        String name;

        @Override
        void run(SqlApps apps) {
            App app = apps.createApp(Bootstrap.newApp(App.Kind.AGENT, MerchantRules.name(name)), null, now());
            out().printf("app_code=%s%nclient_key=%s%n", app.appCode(), app.clientKey());
        }
    }

    @Command(name = "add-sub", description = "Add a sub-merchant to an agent; prints its mchid.")
    static final class AddSub extends DbCommand {
        @Option(names = "--agent", required = true, description = "The agent's app_code")
        String agent;

        @Option(names = "--name", required = true)
        String name;

        @CommandLine.Mixin
        MerchantOptions merchant = new MerchantOptions();

        @Override
        void run(SqlApps apps) {
            App app = app(apps, agent);
            if (!app.isAgent()) {
                throw new IllegalArgumentException(agent + " is a merchant app; sub-merchants belong to agents");
            }
            Merchant sub = apps.createSubMerchant(app.id(), Keys.mchid(),
                    merchant.toNew(name, true, notifyUrl(merchant.notifyUrl)), now());
            out().printf("mchid=%s%n", sub.mchid());
        }
    }

    @Command(name = "update-app", description = "Change an app's name, notification URL or rate limits.")
    static final class UpdateApp extends DbCommand {
        @Parameters(index = "0", description = "app_code")
        String appCode;

        @Option(names = "--name")
        String name;

        @Option(names = "--notify-url")
        String notifyUrl;

        @Option(names = "--rate-per-second")
        Integer perSecond;

        @Option(names = "--rate-per-minute")
        Integer perMinute;

        @Override
        void run(SqlApps apps) {
            apps.updateApp(app(apps, appCode).id(), name == null ? null : MerchantRules.name(name),
                    notifyUrl(notifyUrl), perSecond == null ? null : MerchantRules.rate("rate-per-second", perSecond),
                    perMinute == null ? null : MerchantRules.rate("rate-per-minute", perMinute), null);
            out().println("updated " + appCode);
        }
    }

    @Command(name = "update", description = "Change a merchant (by its app_code, or a sub-merchant by mchid).")
    static final class UpdateMerchant extends DbCommand {
        @Parameters(index = "0", description = "app_code of a merchant app, or mchid of a sub-merchant")
        String id;

        @Option(names = "--name")
        String name;

        @Option(names = "--enable", negatable = true, description = "Enable (or --no-enable to disable) the merchant")
        Boolean enabled;

        @CommandLine.Mixin
        MerchantOptions merchant = new MerchantOptions();

        @Override
        void run(SqlApps apps) {
            Merchant target = apps.merchantByMchid(id).orElseGet(() -> apps.merchantOfApp(app(apps, id).id())
                    .orElseThrow(() -> new IllegalArgumentException(id + " is an agent: name one of its sub-merchants by mchid")));
            apps.updateMerchant(target.id(), merchant.toNew(name, false, notifyUrl(merchant.notifyUrl)), enabled);
            out().println("updated merchant " + target.name());
        }
    }

    @Command(name = "rotate-key", description = "Give an app a new client_key; prints it. The old key stops working at once.")
    static final class RotateKey extends DbCommand {
        @Parameters(index = "0", description = "app_code")
        String appCode;

        @Override
        void run(SqlApps apps) {
            String key = Keys.hex32();
            apps.updateApp(app(apps, appCode).id(), null, null, null, null, key);
            out().printf("client_key=%s%n", key);
        }
    }

    /** disable-app and enable-app: one switch under two names. */
    abstract static class SwitchApp extends DbCommand {
        @Parameters(index = "0", description = "app_code")
        String appCode;

        abstract boolean enable();

        @Override
        void run(SqlApps apps) {
            apps.setAppEnabled(app(apps, appCode).id(), enable());
            out().println((enable() ? "enabled" : "disabled") + " app " + appCode + " (running gateways "
                    + (enable() ? "accept" : "refuse") + " its calls within 5 s)");
        }
    }

    @Command(name = "disable-app", description = {
        "Refuse every signed call of an app (respcd 1107) until enable-app; its merchants and transactions stay.",
        "A running gateway sees the change within 5 s (it caches apps for that long)."})
    static final class DisableApp extends SwitchApp {
        @Override
        boolean enable() {
            return false;
        }
    }

    @Command(name = "enable-app", description = {
        "Accept a disabled app's calls again.",
        "A running gateway sees the change within 5 s (it caches apps for that long)."})
    static final class EnableApp extends SwitchApp {
        @Override
        boolean enable() {
            return true;
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
