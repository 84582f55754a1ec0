package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The portal's dashboard: today's and the last 30 days' figures of the merchant(s) a portal user
 * sees, per currency, in gateway days. The database sums (one GROUP BY over the range); this
 * class only folds the groups into days and pay types.
 *
 * <p>Volume is <em>gross paid</em>: the amounts of successful payments made that day. Successful
 * refunds made that day are shown beside it, and net is volume minus those refunds. Count is the
 * payments made (whatever became of them); the success rate is the successful among them.
 */
public final class PortalDashboard {
    /** How many days the charts cover, today included. */
    public static final int DAYS = 30;

    /** One group of the range: a day's transactions of one currency, pay type, kind and outcome. */
    public record Group(LocalDate day, Currency currency, PayType payType, OrderType orderType, boolean success,
            long count, long amount) {}

    /** Sums in storage. */
    public interface Store {
        /** The merchants' transactions made on days {@code [from, to]} (gateway time), grouped. */
        List<Group> groups(Collection<Long> merchantIds, LocalDate from, LocalDate to);
    }

    /** Figures of one currency over some days; amounts in minor units. */
    public record Figures(long payments, long paid, long paidAmount, long refunds, long refundAmount) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0);

        Figures plus(Group g) {
            if (g.orderType() == OrderType.REFUND) {
                return g.success() ? new Figures(payments, paid, paidAmount, refunds + g.count(),
                        refundAmount + g.amount()) : this;
            }
            return new Figures(payments + g.count(), paid + (g.success() ? g.count() : 0),
                    paidAmount + (g.success() ? g.amount() : 0), refunds, refundAmount);
        }

        Figures add(Figures o) {
            return new Figures(payments + o.payments, paid + o.paid, paidAmount + o.paidAmount, refunds + o.refunds,
                    refundAmount + o.refundAmount);
        }

        public long netAmount() {
            return paidAmount - refundAmount;
        }

        /** Successful payments per hundred made, to one decimal; null without payments. */
        public Double successRate() {
            return payments == 0 ? null : Math.round(paid * 1000.0 / payments) / 10.0;
        }
    }

    /** One currency's dashboard: today, the 30 days, each day's figures (oldest first) and the pay types' paid amounts. */
    public record CurrencyView(Currency currency, Figures today, Figures month, List<Day> days,
            Map<PayType, Long> payTypes) {}

    public record Day(LocalDate date, Figures figures) {}

    public record View(LocalDate today, LocalDate from, List<CurrencyView> currencies) {}

    private final Merchants merchants;
    private final Store store;
    private final Clock clock;
    private final ZoneOffset zone;

    public PortalDashboard(Merchants merchants, Store store, Clock clock, ZoneOffset zone) {
        this.merchants = merchants;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today's date in gateway time. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The dashboard of the app's merchants (an agent's: all, or the one {@code mchid} names), ending today. */
    public View of(App app, String mchid) {
        LocalDate today = today();
        LocalDate from = today.minusDays(DAYS - 1);
        List<Long> ids = merchants.statementScope(app, mchid).stream().map(Merchant::id).toList();
        Map<Currency, Map<LocalDate, Figures>> byDay = new TreeMap<>();
        Map<Currency, Map<PayType, Long>> mix = new TreeMap<>();
        for (Group g : ids.isEmpty() ? List.<Group>of() : store.groups(ids, from, today)) {
            byDay.computeIfAbsent(g.currency(), c -> new TreeMap<>()).merge(g.day(), Figures.NONE.plus(g),
                    (a, b) -> a.plus(g));
            if (g.orderType() == OrderType.PAYMENT && g.success()) {
                mix.computeIfAbsent(g.currency(), c -> new TreeMap<>()).merge(g.payType(), g.amount(), Long::sum);
            }
        }
        List<CurrencyView> views = new ArrayList<>();
        byDay.forEach((currency, days) -> views.add(view(currency, days, from, today,
                mix.getOrDefault(currency, Map.of()))));
        return new View(today, from, views);
    }

    private static CurrencyView view(Currency currency, Map<LocalDate, Figures> days, LocalDate from, LocalDate today,
            Map<PayType, Long> payTypes) {
        List<Day> series = new ArrayList<>();
        Figures month = Figures.NONE;
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            Figures f = days.getOrDefault(d, Figures.NONE);
            series.add(new Day(d, f));
            month = month.add(f);
        }
        return new CurrencyView(currency, days.getOrDefault(today, Figures.NONE), month, series, payTypes);
    }
}
