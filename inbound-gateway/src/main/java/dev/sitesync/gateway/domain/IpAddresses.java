package dev.sitesync.gateway.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever asking DNS: a header or a config value naming a host is not an address. */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /** The address this literal names, or empty when it is not an IPv4 or IPv6 literal. */
    public static Optional<InetAddress> parse(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String text = literal.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        boolean v4 = IPV4.matcher(text).matches();
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // a literal of these characters only is parsed, never resolved
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
