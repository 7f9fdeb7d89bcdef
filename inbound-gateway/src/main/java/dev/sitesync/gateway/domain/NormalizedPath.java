package dev.sitesync.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A canonical request path: decoded segments, none empty, none a dot segment.
 *
 * @param trailingSlash whether the request ended in '/', kept so the upstream sees what the caller sent
 */
public record NormalizedPath(List<String> segments, boolean trailingSlash) {

    /** The decoded path, for matching and logs. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
    }

    /** The path to send upstream: these segments after {@code prefix}, each percent-encoded again. */
    public static String encode(List<String> segments, boolean trailingSlash) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~' || c == ':'
                        || c == '@') {
                    path.append((char) c);
                } else {
                    path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                }
            }
        }
        if (path.isEmpty()) {
            return "/";
        }
        return trailingSlash ? path.append('/').toString() : path.toString();
    }
}
