package dev.sitesync.console.domain;

import java.util.function.Function;

/**
 * What one service call gave a page: its value, or why not. A page shows every part it could get and says, for each
 * part it could not, why; one unavailable site never blanks the whole page.
 */
public sealed interface Answer<T> {

    record Given<T>(T value) implements Answer<T> {
    }

    record Failed<T>(ServiceFailure failure) implements Answer<T> {
    }

    static <T> Answer<T> of(T value) {
        return new Given<>(value);
    }

    static <T> Answer<T> failed(ServiceFailure failure) {
        return new Failed<>(failure);
    }

    default boolean ok() {
        return this instanceof Given;
    }

    /** The value; null when the call failed (templates test {@link #ok()} first). */
    default T value() {
        return this instanceof Given<T> given ? given.value() : null;
    }

    /** The failure; null when the call gave a value. */
    default ServiceFailure failure() {
        return this instanceof Failed<T> failed ? failed.failure() : null;
    }

    default <R> Answer<R> map(Function<T, R> mapper) {
        return this instanceof Given<T> given ? new Given<>(mapper.apply(given.value())) : new Failed<>(failure());
    }
}
