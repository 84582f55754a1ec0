package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** QFPay's {@code YYYY-MM-DD hh:mm:ss} times and {@code +0800} zones (docs/api.md, Times and zones). */
class QfTimeTest {

    // --- now ----------------------------------------------------------------------------------

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T23:30:15.123456789Z"), ZoneOffset.UTC);

    @Test
    void now_isTheClocksInstantOnTheWallClockOfTheZone_toTheSecond() {
        assertThat(QfTime.now(CLOCK, QfTime.DEFAULT_ZONE)).isEqualTo(LocalDateTime.of(2026, 3, 2, 7, 30, 15));
    }

    @Test
    void now_keepsThePrecisionAskedFor() {
        assertThat(QfTime.now(CLOCK, ZoneOffset.UTC, ChronoUnit.MILLIS))
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 23, 30, 15, 123_000_000));
    }

    // --- date-times ---------------------------------------------------------------------------

    @Test
    void parse_theSeedsTxdtm() {
        assertThat(QfTime.parse("2020-04-13 10:30:34")).contains(LocalDateTime.of(2020, 4, 13, 10, 30, 34));
    }

    @Test
    void parse_uses24HourClock() {
        assertThat(QfTime.parse("2026-01-01 23:59:59")).contains(LocalDateTime.of(2026, 1, 1, 23, 59, 59));
        assertThat(QfTime.parse("2026-01-01 00:00:00")).contains(LocalDateTime.of(2026, 1, 1, 0, 0, 0));
    }

    @Test
    void parse_leapDay_inALeapYear() {
        assertThat(QfTime.parse("2024-02-29 12:00:00")).contains(LocalDateTime.of(2024, 2, 29, 12, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-30 10:00:00", // no such day
        "2026-02-29 10:00:00", // not a leap year
        "2026-04-31 10:00:00",
        "2026-13-01 10:00:00",
        "2026-00-01 10:00:00",
        "2026-01-00 10:00:00",
    })
    void parse_rejectsDatesThatDoNotExist(String text) {
        assertThat(QfTime.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01 24:00:00", "2026-01-01 10:60:00", "2026-01-01 10:00:60"})
    void parse_rejectsTimesOutOfRange(String text) {
        assertThat(QfTime.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-1-1 10:00:00",      // unpadded month and day
        "2026-01-01 9:00:00",     // unpadded hour
        "2026-01-01T10:00:00",    // ISO 'T'
        "2026-01-01 10:00",       // no seconds
        "2026-01-01 10:00:00.0",  // fraction
        "2026-01-01  10:00:00",   // two spaces
        " 2026-01-01 10:00:00",
        "2026-01-01 10:00:00 ",
        "2026/01/01 10:00:00",
        "20260101 100000",
        "2026-01-01 10:00:00+08:00",
        "2026-01-01",
        "",
    })
    void parse_rejectsAnyOtherShape(String text) {
        assertThat(QfTime.parse(text)).isEmpty();
    }

    @Test
    void parse_rejectsNonAsciiDigits() {
        // Arabic-Indic digits are \p{Nd} but not what the docs mean by a digit.
        assertThat(QfTime.parse("٢٠٢٦-01-01 10:00:00")).isEmpty();
    }

    @Test
    void parse_null_isEmpty() {
        assertThat(QfTime.parse(null)).isEmpty();
    }

    @Test
    void format_padsEveryField() {
        assertThat(QfTime.format(LocalDateTime.of(2026, 1, 2, 3, 4, 5))).isEqualTo("2026-01-02 03:04:05");
    }

    @Test
    void format_dropsFractionsOfASecond() {
        assertThat(QfTime.format(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 999_000_000))).isEqualTo("2026-01-02 03:04:05");
    }

    // --- zones --------------------------------------------------------------------------------

    @Test
    void defaultZone_isBeijingTime() {
        assertThat(QfTime.DEFAULT_ZONE).isEqualTo(ZoneOffset.ofHours(8));
    }

    @ParameterizedTest
    @CsvSource({
        "+0800, 480",
        "-0530, -330",
        "+0000, 0",
        "+0545, 345",
        "-1000, -600",
        "+1400, 840",
        "-1400, -840",
    })
    void parseZone_signedHoursAndMinutes(String text, int totalMinutes) {
        assertThat(QfTime.parseZone(text)).contains(ZoneOffset.ofTotalSeconds(totalMinutes * 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1500", "-1500", "+0860", "+9999"})
    void parseZone_rejectsOffsetsNoPlaceUses(String text) {
        assertThat(QfTime.parseZone(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0800", "+08:00", "+8", "+080", "+08000", "UTC+8", "Z", "GMT", " +0800", ""})
    void parseZone_rejectsOtherShapes(String text) {
        assertThat(QfTime.parseZone(text)).isEmpty();
    }

    @Test
    void parseZone_null_isEmpty() {
        assertThat(QfTime.parseZone(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"480, +0800", "-330, -0530", "0, +0000", "-30, -0030", "840, +1400"})
    void formatZone_writesSignHoursMinutes(int totalMinutes, String expected) {
        assertThat(QfTime.formatZone(ZoneOffset.ofTotalSeconds(totalMinutes * 60))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+0800", "-0530", "+0000", "-0030", "+1400", "-1400", "+0545"})
    void formatZone_roundTripsParseZone(String text) {
        assertThat(QfTime.parseZone(text).map(QfTime::formatZone)).contains(text);
    }
}
