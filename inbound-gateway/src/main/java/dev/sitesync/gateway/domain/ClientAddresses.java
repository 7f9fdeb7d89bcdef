package dev.sitesync.gateway.domain;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the client is: the socket peer, unless the peer is a trusted proxy; then the entry of X-Forwarded-For that many
 * hops from the right, because only the entries our own proxies appended can be believed. Forwarding headers from
 * any other peer are ignored, and X-Real-IP is never read.
 */
public final class ClientAddresses {

    private final IpRanges trustedProxies;
    private final int hops;

    public ClientAddresses(IpRanges trustedProxies, int hops) {
        if (hops < 1) {
            throw new IllegalArgumentException("forwarded hops must be at least 1");
        }
        this.trustedProxies = trustedProxies;
        this.hops = hops;
    }

    public boolean isTrustedProxy(InetAddress peer) {
        return peer != null && trustedProxies.contains(peer);
    }

    /**
     * The client's address.
     *
     * @param forwardedFor every X-Forwarded-For header of the request, in order
     */
    public Optional<InetAddress> clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!isTrustedProxy(peer)) {
            return Optional.ofNullable(peer);
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                entries.add(entry.trim());
            }
        }
        if (entries.size() < hops) {
            // the proxy did not say who its client was: the proxy itself is all we know
            return Optional.of(peer);
        }
        return IpAddresses.parse(entries.get(entries.size() - hops));
    }
}
