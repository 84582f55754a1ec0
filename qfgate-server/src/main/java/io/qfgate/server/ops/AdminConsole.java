package io.qfgate.server.ops;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.api.RateLimits;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.MerchantRules;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.store.AlipaySettings;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlNodes;
import io.qfgate.server.store.SqlNotifications;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.web.console.admin.AdminBackend;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The operators' console's work, on the same stores and checks as {@code ./qfgate merchant},
 * {@code alipay} and {@code notify}, and this node's heartbeat in the {@code nodes} table.
 */
final class AdminConsole implements AdminBackend {
    /** How often a node writes its heartbeat. */
    static final Duration BEAT_EVERY = Duration.ofSeconds(10);
    private static final Duration NODES_SHOWN = Duration.ofHours(24);
    private static final int FAILED_SHOWN = 50;

    private final Database database;
    private final GatewayConfig config;
    private final SqlApps apps;
    private final TargetPolicy targets;
    private final Set<PayType> carried;
    private final Mode runningMode;
    private final RateLimits appLimits;
    private final ClientIpLimits addressLimits;
    private final Runnable wakeDispatcher;
    private final SqlNodes.Node self;

    private AdminConsole(Database database, GatewayConfig config, Services.Parts parts) {
        this.database = database;
        this.config = config;
        this.apps = new SqlApps(database);
        this.targets = parts.targets();
        this.carried = parts.carried();
        this.runningMode = parts.mode();
        this.appLimits = parts.appLimits();
        this.addressLimits = parts.addressLimits();
        this.wakeDispatcher = parts.wakeDispatcher();
        LocalDateTime started = now();
        this.self = new SqlNodes.Node(UUID.randomUUID().toString(), hostName(), version(), started, started);
    }

    static AdminConsole over(Database database, GatewayConfig config, Services.Parts parts) {
        return new AdminConsole(database, config, parts);
    }

    /** Writes this node's heartbeat (the gateway's background scheduler calls it every {@link #BEAT_EVERY}). */
    void beat() {
        new SqlNodes(database).beat(new SqlNodes.Node(self.nodeId(), self.host(), self.version(), self.startedAt(),
                now()));
    }

    @Override
    public List<App> apps() {
        return apps.allApps();
    }

    @Override
    public List<Merchant> merchantsOf(long appId) {
        return apps.merchantsOfApp(appId);
    }

    @Override
    public Optional<App> app(String appCode) {
        return appCode == null || appCode.length() > 64 ? Optional.empty() : apps.byAppCode(appCode);
    }

    @Override
    public Set<PayType> carriedPayTypes() {
        return carried;
    }

    @Override
    public App createMerchant(MerchantForm form) {
        String name = MerchantRules.name(form.name());
        return apps.createApp(Bootstrap.newApp(App.Kind.MERCHANT, name), merchant(form, true), now());
    }

    @Override
    public App createAgent(String name) {
        return apps.createApp(Bootstrap.newApp(App.Kind.AGENT, MerchantRules.name(name)), null, now());
    }

    @Override
    public Merchant addSubMerchant(App agent, MerchantForm form) {
        if (!agent.isAgent()) {
            throw new IllegalArgumentException("agent: " + agent.appCode() + " is a merchant app");
        }
        MerchantRules.name(form.name());
        return apps.createSubMerchant(agent.id(), Keys.mchid(), merchant(form, true), now());
    }

    @Override
    public void updateApp(App app, AppForm form) {
        apps.updateApp(app.id(), blank(form.name()) ? null : MerchantRules.name(form.name()),
                blank(form.notifyUrl()) ? null : notifyUrl(form.notifyUrl()),
                rate("rate-per-second", form.perSecond()), rate("rate-per-minute", form.perMinute()), null);
    }

    @Override
    public void updateMerchant(Merchant merchant, MerchantForm form, Boolean enabled) {
        apps.updateMerchant(merchant.id(), merchant(form, false), enabled);
    }

    @Override
    public void setAppEnabled(App app, boolean enabled) {
        apps.setAppEnabled(app.id(), enabled);
    }

    /** The form as the command line's merchant options: blank fields get defaults on a new merchant, else stay. */
    private SqlApps.NewMerchant merchant(MerchantForm f, boolean withDefaults) {
        return new SqlApps.NewMerchant(
                blank(f.name()) ? null : MerchantRules.name(f.name()),
                !blank(f.mcc()) ? MerchantRules.mcc(f.mcc().strip()) : withDefaults ? Bootstrap.DEFAULT_MCC : null,
                !blank(f.payTypes()) ? MerchantRules.payTypes(f.payTypes().split(","), carried)
                        : withDefaults ? Bootstrap.ALIPAY_ONLINE : null,
                !blank(f.currencies()) ? MerchantRules.currencies(f.currencies().split(","))
                        : withDefaults ? EnumSet.allOf(Currency.class) : null,
                blank(f.notifyUrl()) ? null : notifyUrl(f.notifyUrl()));
    }

    private String notifyUrl(String url) {
        return ManagementCommand.checkedNotifyUrl(targets, url.strip(), "notify URL");
    }

    private static Integer rate(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return MerchantRules.rate(field, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new MerchantRules.Invalid(field, "must be a whole number");
        }
    }

    @Override
    public AlipayView alipay() {
        Optional<AlipaySettings> stored = new SqlAlipayAccounts(database).load();
        Mode next = stored.isPresent() ? Mode.PRODUCTION : Mode.SANDBOX;
        AlipaySettings a = stored.orElse(new AlipaySettings(null, null, null, null, null, null));
        return new AlipayView(next.label(), stored.isPresent(), a.partner(), a.signType(), a.gatewayUrl(),
                isSet(a.md5Key()), isSet(a.rsaPrivateKey()), isSet(a.alipayPublicKey()), runningMode.label());
    }

    @Override
    public Optional<String> setAlipay(AlipayForm f) {
        SqlAlipayAccounts store = new SqlAlipayAccounts(database);
        AlipaySettings old = store.load().orElse(new AlipaySettings(null, null, "MD5", null, null, null));
        AlipaySettings next = new AlipaySettings(
                blank(f.partner()) ? old.partner() : f.partner().strip(),
                blank(f.md5Key()) ? old.md5Key() : f.md5Key().strip(),
                blank(f.signType()) ? old.signType() : f.signType().strip().toUpperCase(Locale.ROOT),
                blank(f.rsaPrivateKey()) ? old.rsaPrivateKey() : f.rsaPrivateKey().strip(),
                blank(f.alipayPublicKey()) ? old.alipayPublicKey() : f.alipayPublicKey().strip(),
                blank(f.gatewayUrl()) ? old.gatewayUrl() : f.gatewayUrl().strip());
        String problem = AlipayAccountRules.problem(next, new SqlSandboxPartner(database).load().orElse(null));
        if (problem == null) {
            store.save(next);
        }
        return Optional.ofNullable(problem);
    }

    @Override
    public boolean resetAlipay() {
        return new SqlAlipayAccounts(database).remove() > 0;
    }

    @Override
    public SystemView system() {
        SqlNotifications outbox = new SqlNotifications(database);
        List<Node> nodes = new SqlNodes(database).seenSince(now().minus(NODES_SHOWN)).stream()
                .map(n -> new Node(n.nodeId(), n.host(), n.version(), n.startedAt(), n.lastSeenAt(),
                        n.nodeId().equals(self.nodeId())))
                .toList();
        List<FailedNotice> failed = outbox.list(NoticeState.FAILED, FAILED_SHOWN).stream()
                .map(n -> new FailedNotice(n.id(), n.syssn(), n.url(), n.attempts(), n.settledAt())).toList();
        return new SystemView(version(), databaseName(), nodes, outbox.count(NoticeState.PENDING),
                outbox.count(NoticeState.FAILED), failed, appLimits.refusals(), addressLimits.refusals());
    }

    @Override
    public int resend(Long id) {
        int queued = new SqlNotifications(database).resend(id, now());
        if (queued > 0) {
            wakeDispatcher.run();
        }
        return queued;
    }

    @Override
    public List<AuditRow> audit(AuditQuery q) {
        return new SqlAuditLog(database).page(new SqlAuditLog.Query(q.username(), q.action(), q.from(), q.until(),
                q.beforeId(), q.limit())).stream().map(r -> new AuditRow(r.id(), r.entry())).toList();
    }

    @Override
    public void record(AuditAction action, long operatorId, String operator, String detail, String ip) {
        new SqlAuditLog(database).append(new AuditEntry(now(), ConsoleKind.OPERATOR, operatorId, operator, action,
                detail, ip == null || ip.length() <= 64 ? ip : ip.substring(0, 64)));
    }

    private String databaseName() {
        try {
            return database.jdbi().withHandle(h -> {
                var meta = h.getConnection().getMetaData();
                return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the database's version", e);
        }
    }

    /** The server jar's version, or {@code development} when run from classes. */
    static String version() {
        String v = AdminConsole.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 255 ? name.substring(0, 255) : name;
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private LocalDateTime now() {
        return QfTime.now(config.clock(), config.zone(), ChronoUnit.MILLIS);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isSet(String key) {
        return key != null && !key.isBlank();
    }
}
