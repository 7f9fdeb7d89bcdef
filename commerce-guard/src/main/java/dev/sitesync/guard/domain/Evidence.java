package dev.sitesync.guard.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evidence maps in the order their keys were given, so stored and returned findings read the same way each time. */
public final class Evidence {

    private Evidence() {
    }

    /** Pairs of key and value; null values are left out. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("evidence needs pairs of key and value");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                evidence.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return Collections.unmodifiableMap(evidence);
    }
}
