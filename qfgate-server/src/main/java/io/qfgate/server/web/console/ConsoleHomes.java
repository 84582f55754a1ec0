package io.qfgate.server.web.console;

import io.javalin.http.Context;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.ConsoleStores;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.OrderType;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionQueries;
import io.qfgate.server.web.Pages;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The first page behind each sign-in: the portal's (the user, their merchant(s) and its newest
 * transactions, read for the user's own app only) and the operators' console's (every merchant).
 */
public final class ConsoleHomes {
    /** How many transactions the portal's first page lists. */
    static final int RECENT = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Stores.Apps apps;
    private final TransactionQueries queries;
    private final ConsoleStores.Directory directory;

    public ConsoleHomes(Stores.Apps apps, TransactionQueries queries, ConsoleStores.Directory directory) {
        this.apps = apps;
        this.queries = queries;
        this.directory = directory;
    }

    void portal(Context ctx, ConsolePages.Frame frame, ConsoleAuth.Signed signed) {
        ConsoleAccount user = signed.account();
        App app = apps.byId(user.appId()).orElseThrow(() -> new IllegalStateException("portal user without app"));
        List<String> merchants = apps.merchantsOfApp(app.id()).stream().map(Merchant::name).toList();
        List<ConsolePages.TransactionRow> rows = queries.recent(app, RECENT).stream().map(ConsoleHomes::row).toList();
        String limit = user.refundLimit() == null ? null : String.valueOf(user.refundLimit());
        Pages.send(ctx, 200, "console/portal", new ConsolePages.PortalHome(frame, "role." + user.role().dbName(),
                limit, app.name(), merchants, rows));
    }

    private static ConsolePages.TransactionRow row(Transaction t) {
        return new ConsolePages.TransactionRow(t.syssn(), TIME.format(t.sysdtm()),
                t.orderType() == OrderType.REFUND ? "type.refund" : "type.payment",
                t.currency().toMajor(t.txamt()), t.currency().name(), statusKey(t.respcd()), t.respcd().code(),
                t.outTradeNo());
    }

    private static String statusKey(Respcd respcd) {
        return switch (respcd) {
            case SUCCESS -> "status.success";
            case NOT_PAID_YET, PROCESSING -> "status.pending";
            case ORDER_CLOSED -> "status.closed";
            case ORDER_EXPIRED -> "status.expired";
            default -> "status.failed";
        };
    }

    void admin(Context ctx, ConsolePages.Frame frame, ConsoleAuth.Signed signed) {
        List<ConsolePages.MerchantRow> rows = new ArrayList<>();
        for (App app : directory.apps()) {
            String kind = "kind." + app.kind().dbName();
            for (Merchant m : directory.merchantsOf(app.id())) {
                rows.add(new ConsolePages.MerchantRow(app.appCode(), kind, app.name(), m.name(), m.mchid(),
                        app.enabled() && m.enabled()));
            }
        }
        Pages.send(ctx, 200, "console/admin", new ConsolePages.AdminHome(frame, rows));
    }
}
