package dev.sitesync.gateway.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a raw request path into the one canonical form every rule is matched against and that the upstream receives,
 * so no spelling of a path reaches a route its canonical form would not: percent-decoded once, dot segments resolved,
 * empty segments collapsed. Anything that could mean different things to the gateway and an upstream is refused
 * rather than guessed: encoded slashes and backslashes, NUL and control characters, matrix parameters ({@code ;}),
 * double encoding, invalid UTF-8, and {@code ..} above the root. Case is kept: route prefixes are lowercase, so
 * {@code /HOOKS/x} matches nothing.
 */
public final class PathNormalizer {

    private static final Pattern DOUBLE_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");

    private PathNormalizer() {
    }

    /** The canonical path, or {@link RejectedPath} saying why there is none. */
    public static NormalizedPath normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new RejectedPath("the path must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        String[] raw = rawPath.split("/", -1);
        for (int i = 1; i < raw.length; i++) {
            String segment = decode(raw[i]);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new RejectedPath("the path climbs above the root");
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            segments.add(segment);
        }
        boolean trailingSlash = rawPath.length() > 1 && rawPath.endsWith("/") && !segments.isEmpty();
        return new NormalizedPath(List.copyOf(segments), trailingSlash);
    }

    private static String decode(String rawSegment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawSegment.length() || hex(rawSegment.charAt(i + 1)) < 0 || hex(rawSegment.charAt(i + 2)) < 0) {
                    throw new RejectedPath("the path has an invalid percent-encoding");
                }
                bytes.write(hex(rawSegment.charAt(i + 1)) << 4 | hex(rawSegment.charAt(i + 2)));
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                throw new RejectedPath("the path has a character that must be percent-encoded");
            } else {
                bytes.write(c);
            }
        }
        String decoded = utf8(bytes.toByteArray());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\' || c == ';' || Character.isISOControl(c)) {
                throw new RejectedPath("the path has an encoded slash, backslash, ';' or control character");
            }
        }
        if (DOUBLE_ENCODED.matcher(decoded).find()) {
            throw new RejectedPath("the path is percent-encoded twice");
        }
        return decoded;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedPath("the path is not valid UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
