package dev.sitesync.frappe.sim.engine;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Python's {@code str(datetime)}, which Frappe's JSON uses: six fraction digits, none when they are all zero. */
public final class Timestamps {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Timestamps() {
    }

    public static String format(LocalDateTime value) {
        return value.getNano() == 0 ? WHOLE.format(value) : MICROS.format(value);
    }

    public static LocalDateTime parse(String value) {
        return LocalDateTime.parse(value.trim(), PARSER);
    }
}
