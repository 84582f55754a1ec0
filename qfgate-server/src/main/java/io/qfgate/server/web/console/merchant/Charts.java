package io.qfgate.server.web.console.merchant;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.domain.PortalDashboard;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's charts as geometry for the template's SVG: drawn on the server, so the page
 * needs no script, and each bar carries a {@code <title>} tooltip; the page also lists the same
 * numbers in a table for screen readers and for reading exact values.
 */
public final class Charts {
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    /**
     * The plot's left and right edges: the value axis's labels are on the right, next to the
     * newest days, which a phone shows first (there the chart scrolls sideways).
     */
    static final int LEFT = 8;
    static final int RIGHT = WIDTH - 64;
    static final int BOTTOM = 28;
    static final int TOP = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private Charts() {}

    /** A bar: its box in the chart's coordinates and its tooltip. */
    public record Bar(double x, double y, double w, double h, String tip) {}

    /** A label on an axis at {@code pos} (y for the value axis, x for the dates). */
    public record Tick(double pos, String label) {}

    /** The daily volume chart of one currency. */
    public record Daily(List<Bar> bars, List<Tick> values, List<Tick> days, double baseline) {}

    /** A row of the pay-type chart: the label, the bar's length (0 to 1), the amount and share. */
    public record Share(String label, double fraction, String amount, String percent) {}

    static Daily daily(Currency currency, List<PortalDashboard.Day> days) {
        long max = days.stream().mapToLong(d -> d.figures().paidAmount()).max().orElse(0);
        long top = niceCeiling(max);
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = (double) (RIGHT - LEFT) / days.size();
        List<Bar> bars = new ArrayList<>();
        List<Tick> dayTicks = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            PortalDashboard.Day d = days.get(i);
            double h = top == 0 ? 0 : plotH * d.figures().paidAmount() / top;
            double x = LEFT + i * slot;
            bars.add(new Bar(round(x + slot * 0.15), round(TOP + plotH - h), round(slot * 0.7), round(h),
                    d.date() + ": " + currency.toMajor(d.figures().paidAmount()) + " " + currency.name()
                            + " (" + d.figures().paid() + ")"));
            if (i % 7 == (days.size() - 1) % 7) {
                dayTicks.add(new Tick(round(x + slot / 2), DAY.format(d.date())));
            }
        }
        List<Tick> values = new ArrayList<>();
        for (int q = 0; q <= 4; q++) {
            long v = top * q / 4;
            values.add(new Tick(round(TOP + plotH - plotH * q / 4), currency.toMajor(v)));
        }
        return new Daily(bars, values, dayTicks, TOP + plotH);
    }

    static List<Share> mix(Currency currency, Map<PayType, Long> payTypes) {
        long total = payTypes.values().stream().mapToLong(Long::longValue).sum();
        long max = payTypes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Share> shares = new ArrayList<>();
        payTypes.entrySet().stream().sorted(Map.Entry.<PayType, Long>comparingByValue().reversed()).forEach(e ->
                shares.add(new Share(e.getKey().code() + " " + e.getKey().description(),
                        max == 0 ? 0 : (double) e.getValue() / max, currency.toMajor(e.getValue()),
                        total == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1f", e.getValue() * 100.0 / total))));
        return shares;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max}: round numbers on the axis. */
    static long niceCeiling(long max) {
        if (max <= 0) {
            return 0;
        }
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= max) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
