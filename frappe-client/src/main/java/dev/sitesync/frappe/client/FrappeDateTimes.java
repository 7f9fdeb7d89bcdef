package dev.sitesync.frappe.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Frappe's naive datetime strings as Python's {@code str(datetime)} writes them: {@code 2024-01-05 10:11:12.123456},
 * or {@code 2024-01-05 10:11:12} when the microseconds are zero, in the site's time zone, without an offset.
 */
public final class FrappeDateTimes {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private FrappeDateTimes() {
    }

    public static LocalDateTime parse(String value) {
        return LocalDateTime.parse(value.trim(), PARSER);
    }

    /** The instant a site's naive datetime stands for, given the site's zone. */
    public static Instant toInstant(String value, ZoneId siteZone) {
        return parse(value).atZone(siteZone).toInstant();
    }

    /** Python's {@code str(datetime)}: six fraction digits, or none when the microseconds are zero. */
    public static String format(LocalDateTime value) {
        LocalDateTime micros = value.withNano(value.getNano() / 1000 * 1000);
        return micros.getNano() == 0 ? WHOLE_SECONDS.format(micros) : MICROS.format(micros);
    }

    /** The site's naive datetime string for an instant, given the site's zone. */
    public static String format(Instant instant, ZoneId siteZone) {
        return format(LocalDateTime.ofInstant(instant, siteZone));
    }

    /** A Frappe Date field value, {@code YYYY-MM-DD}. */
    public static LocalDate parseDate(String value) {
        return LocalDate.parse(value.trim());
    }
}
