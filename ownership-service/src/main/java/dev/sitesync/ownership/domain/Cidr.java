package dev.sitesync.ownership.domain;

import java.util.regex.Pattern;

/** Syntax of webhook source ranges: IPv4 or IPv6 address, slash, prefix length. */
final class Cidr {

    private static final Pattern IPV4 = Pattern
            .compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01]\\d|\\d?\\d)");

    private Cidr() {
    }

    static boolean isValid(String cidr) {
        return IPV4.matcher(cidr).matches() || IPV6.matcher(cidr).matches() && cidr.split("::", -1).length <= 2;
    }
}
