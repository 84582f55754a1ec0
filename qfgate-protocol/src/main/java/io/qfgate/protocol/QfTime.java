package io.qfgate.protocol;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** QFPay's time formats: {@code YYYY-MM-DD hh:mm:ss} (24 h) and zones written {@code +0800}. */
public final class QfTime {
    private QfTime() {}

    /** Beijing time, the docs' default for {@code txzone} and the gateway's own clock. */
    public static final ZoneOffset DEFAULT_ZONE = ZoneOffset.ofHours(8);

    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern ZONE = Pattern.compile("([+-])(\\d{2})(\\d{2})");

    /** The clock's instant as wall-clock time in {@code zone}, to the second: the precision QFPay's times carry. */
    public static LocalDateTime now(Clock clock, ZoneId zone) {
        return now(clock, zone, ChronoUnit.SECONDS);
    }

    /** The clock's instant as wall-clock time in {@code zone}, truncated to {@code precision}. */
    public static LocalDateTime now(Clock clock, ZoneId zone, TemporalUnit precision) {
        return LocalDateTime.now(clock.withZone(zone)).truncatedTo(precision);
    }

    public static Optional<LocalDateTime> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, FORMAT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(LocalDateTime time) {
        return FORMAT.format(time);
    }

    /** {@code +0800} → UTC+8; empty for anything that is not a real offset. */
    public static Optional<ZoneOffset> parseZone(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = ZONE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = Integer.parseInt(m.group(3));
        if (hours > 14 || minutes > 59) {
            return Optional.empty();
        }
        int sign = m.group(1).equals("-") ? -1 : 1;
        return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
    }

    public static String formatZone(ZoneOffset zone) {
        int total = zone.getTotalSeconds() / 60;
        char sign = total < 0 ? '-' : '+';
        total = Math.abs(total);
        return String.format("%c%02d%02d", sign, total / 60, total % 60);
    }
}
