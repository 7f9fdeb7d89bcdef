package dev.sitesync.worker.store;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** A field of every row of a batch as one array: a column of a set-wise statement ({@code unnest($1::uuid[], ...)}). */
final class Columns {

    private Columns() {
    }

    static <R, T> T[] of(List<R> rows, Function<R, T> field, IntFunction<T[]> array) {
        return rows.stream().map(field).toArray(array);
    }
}
