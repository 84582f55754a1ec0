package io.qfgate.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.web.demo.DemoMerchant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * First start in sandbox mode: on an empty database, a demo merchant and a demo agent, an owner of
 * the demo merchant for the portal and an operator for the console, with random passwords.
 */
final class Bootstrap {
    static final Set<PayType> ALIPAY_ONLINE = EnumSet.of(
            PayType.ALIPAY_ONLINE_WEB, PayType.ALIPAY_ONLINE_WAP,
            PayType.ALIPAY_HK_ONLINE_WEB, PayType.ALIPAY_HK_ONLINE_WAP);
    static final int DEFAULT_RATE_PER_SECOND = 100;
    static final int DEFAULT_RATE_PER_MINUTE = 400;
    static final String DEFAULT_MCC = "5999";
    static final String DEMO_MERCHANT = "Demo Merchant";
    static final String DEMO_OWNER = "demo-owner";
    static final String DEMO_OPERATOR = "demo-operator";

    private Bootstrap() {}

    static DemoCredentials demoIfEmpty(SqlApps apps, ConsoleAuth consoles, GatewayConfig config, String publicUrl) {
        if (!apps.allApps().isEmpty()) {
            return null;
        }
        LocalDateTime now = QfTime.now(config.clock(), config.zone(), ChronoUnit.NANOS); // as precise as the clock
        App merchant = apps.createApp(newApp(App.Kind.MERCHANT, DEMO_MERCHANT), allAlipay(DEMO_MERCHANT), now);
        App agent = apps.createApp(newApp(App.Kind.AGENT, "Demo Agent"), null, now);
        String mchid = Keys.mchid();
        apps.createSubMerchant(agent.id(), mchid, allAlipay("Demo Sub-merchant"), now);

        String ownerPassword = Keys.password();
        consoles.createPortalUser(merchant.id(), DEMO_OWNER, ownerPassword, PortalRole.OWNER, null);
        String operatorPassword = Keys.password();
        consoles.createOperator(DEMO_OPERATOR, operatorPassword);

        DemoCredentials demo = new DemoCredentials(
                new DemoCredentials.Merchant(merchant.appCode(), merchant.clientKey()),
                new DemoCredentials.Agent(agent.appCode(), agent.clientKey(), mchid),
                new DemoCredentials.SignIn(publicUrl + "/portal/login", DEMO_OWNER, ownerPassword),
                new DemoCredentials.SignIn(publicUrl + "/admin/login", DEMO_OPERATOR, operatorPassword));
        write(config.dataDir().resolve("demo-credentials.json"), demo);
        return demo;
    }

    /**
     * The demo merchant as stored now, for the demo store: the first enabled merchant app with the
     * demo's name. Looked up on each use, so a changed client key or a disabled app counts at once.
     */
    static Optional<DemoMerchant> demoMerchant(SqlApps apps) {
        return apps.allApps().stream()
                .filter(a -> a.kind() == App.Kind.MERCHANT && a.enabled() && DEMO_MERCHANT.equals(a.name()))
                .min(Comparator.comparingLong(App::id))
                .map(a -> new DemoMerchant(a.appCode(), a.clientKey()));
    }

    static App newApp(App.Kind kind, String name) {
        return new App(0, Keys.hex32(), Keys.hex32(), kind, name, null, DEFAULT_RATE_PER_SECOND, DEFAULT_RATE_PER_MINUTE);
    }

    static SqlApps.NewMerchant allAlipay(String name) {
        return new SqlApps.NewMerchant(name, DEFAULT_MCC, ALIPAY_ONLINE, EnumSet.allOf(Currency.class), null);
    }

    private static void write(Path file, Object value) {
        try {
            DataFolder.writePrivate(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
