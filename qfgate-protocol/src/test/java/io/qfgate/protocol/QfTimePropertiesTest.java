package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round trips of QFPay's time and zone texts.
 *
 * <p>Each property runs over fixed edge cases and then {@value #CASES} inputs drawn from a
 * {@link Random} seeded with {@value #SEED}; a failure names the seed and the case number.
 */
class QfTimePropertiesTest {

    private static final long SEED = 0x5EED_71AEL;
    private static final int CASES = 1000;

    private static final LocalDateTime FIRST_SECOND = LocalDateTime.of(1000, 1, 1, 0, 0, 0);
    private static final LocalDateTime LAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    private static final List<LocalDateTime> EDGE_TIMES = List.of(
            FIRST_SECOND,
            LAST_SECOND,
            LocalDateTime.of(1969, 12, 31, 23, 59, 59), // epoch second -1
            LocalDateTime.of(1970, 1, 1, 0, 0, 0),      // epoch second 0
            LocalDateTime.of(1999, 12, 31, 23, 59, 59),
            LocalDateTime.of(2000, 2, 29, 12, 0, 0),    // leap day of a year divisible by 400
            LocalDateTime.of(2024, 2, 29, 23, 59, 59),
            LocalDateTime.of(2100, 3, 1, 0, 0, 0));     // 2100 is not a leap year

    private static final int MAX_ZONE_HOURS = 14;

    /** Whole-minute offsets up to 14:59 either side of UTC. */
    private static final List<Offset> EDGE_OFFSETS = List.of(
            new Offset(0, 0, false),
            new Offset(0, 0, true),   // -0000 is the same zone as +0000
            new Offset(14, 0, false),
            new Offset(14, 0, true),
            new Offset(14, 59, false),
            new Offset(14, 59, true),
            new Offset(0, 1, false),
            new Offset(0, 1, true),
            new Offset(0, 59, true),
            new Offset(5, 45, false), // Nepal
            new Offset(9, 30, true),  // Marquesas
            new Offset(8, 0, false)); // the default zone

    /** {@code hours}:{@code minutes} east of UTC, or west of it if {@code west}. */
    private record Offset(int hours, int minutes, boolean west) {
        ZoneOffset zone() {
            return ZoneOffset.ofTotalSeconds((west ? -1 : 1) * (hours * 3600 + minutes * 60));
        }
    }

    /** One generated input and where it came from. */
    private record Case<T>(String origin, T input) {}

    @Test
    void parse_ofFormat_givesTheTimeBack_forEverySecondOfYears1000To9999() {
        List<Case<LocalDateTime>> cases = new ArrayList<>();
        EDGE_TIMES.forEach(time -> cases.add(new Case<>("edge case", time)));
        Random random = new Random(SEED);
        long first = FIRST_SECOND.toEpochSecond(ZoneOffset.UTC); // -30610224000
        long last = LAST_SECOND.toEpochSecond(ZoneOffset.UTC);   // 253402300799
        for (int i = 0; i < CASES; i++) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(random.nextLong(first, last + 1), 0, ZoneOffset.UTC);
            cases.add(new Case<>("seed " + SEED + ", case " + i, time));
        }

        for (Case<LocalDateTime> c : cases) {
            LocalDateTime time = c.input();

            assertThat(QfTime.parse(QfTime.format(time))).as("%s: %s", c.origin(), time).contains(time);
        }
    }

    @Test
    void parseZone_ofFormatZone_givesTheZoneBack_forEveryWholeMinuteOffsetUpTo14Hours() {
        List<Case<Offset>> cases = new ArrayList<>();
        EDGE_OFFSETS.forEach(offset -> cases.add(new Case<>("edge case", offset)));
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            Offset offset = new Offset(random.nextInt(MAX_ZONE_HOURS + 1), random.nextInt(60), random.nextBoolean());
            cases.add(new Case<>("seed " + SEED + ", case " + i, offset));
        }

        for (Case<Offset> c : cases) {
            ZoneOffset zone = c.input().zone();

            String text = QfTime.formatZone(zone);

            assertThat(text).as("%s: %s", c.origin(), c.input()).matches("[+-]\\d{4}");
            assertThat(QfTime.parseZone(text)).as("%s: %s -> %s", c.origin(), c.input(), text).contains(zone);
        }
    }
}
