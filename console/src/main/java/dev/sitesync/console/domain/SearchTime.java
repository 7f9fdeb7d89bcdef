package dev.sitesync.console.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time a person typed into a search, as a service takes it: ISO-8601 with an offset. A browser's date-and-time field
 * sends none ({@code 2026-12-05T14:30}); the console writes times in UTC, so that is what such a time means.
 */
public final class SearchTime {

    private SearchTime() {
    }

    /**
     * The time with its offset; null for blank. Text that is no time at all is passed on as typed, so the service's
     * refusal says which parameter is wrong and how to write it.
     */
    public static String withOffset(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        try {
            return OffsetDateTime.parse(text).toString();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC).toString();
                } catch (DateTimeParseException notDate) {
                    return text;
                }
            }
        }
    }
}
