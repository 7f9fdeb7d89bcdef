package dev.sitesync.identity.domain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Frappe's naive datetime strings ({@code 2024-01-05 10:11:12.123456}, or without the fraction when it is zero), as
 * Python's {@code str(datetime)} writes them.
 */
public final class FrappeTimestamps {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private FrappeTimestamps() {
    }

    public static LocalDateTime parse(String value) {
        return LocalDateTime.parse(value, PARSER);
    }

    public static String format(LocalDateTime value) {
        if (value == null) {
            return null;
        }
        return value.getNano() == 0 ? WHOLE_SECONDS.format(value) : MICROS.format(value);
    }
}
