package dev.sitesync.gateway.domain;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/** A set of CIDR ranges; empty contains nothing. */
public record IpRanges(List<IpRange> ranges) {

    public static final IpRanges NONE = new IpRanges(List.of());

    /** Parses every range; a malformed one fails, because a typo in a range must not widen or silently drop access. */
    public static IpRanges parse(Collection<String> cidrs) {
        return new IpRanges(cidrs.stream().filter(c -> !c.isBlank()).map(IpRange::parse).toList());
    }

    public boolean contains(InetAddress address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
