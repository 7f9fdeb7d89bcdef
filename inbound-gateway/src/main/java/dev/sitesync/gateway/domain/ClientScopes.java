package dev.sitesync.gateway.domain;

import java.net.InetAddress;
import java.util.Map;

/** Where each service caller may call from: its own ranges when listed, the default ranges otherwise. */
public record ClientScopes(Map<String, IpRanges> perClient, IpRanges defaults) {

    public ClientScopes {
        perClient = Map.copyOf(perClient);
    }

    /** False when the client's address is unknown: an address we cannot place is in no scope. */
    public boolean allows(String clientId, InetAddress client) {
        return client != null && perClient.getOrDefault(clientId, defaults).contains(client);
    }
}
