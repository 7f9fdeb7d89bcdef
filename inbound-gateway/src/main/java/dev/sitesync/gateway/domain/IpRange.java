package dev.sitesync.gateway.domain;

import java.net.InetAddress;

/** A CIDR range, IPv4 or IPv6 ({@code 10.0.0.0/24}, {@code fd00::/8}); an IPv4-mapped IPv6 address counts as IPv4. */
public record IpRange(byte[] network, int prefixLength, String text) {

    public static IpRange parse(String cidr) {
        String[] parts = cidr.trim().split("/", -1);
        InetAddress address = IpAddresses.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("Not an IP range: " + cidr));
        int maxLength = address.getAddress().length * 8;
        int length;
        try {
            length = parts.length == 1 ? maxLength : parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > maxLength) {
            throw new IllegalArgumentException("Not an IP range: " + cidr);
        }
        return new IpRange(address.getAddress(), length, cidr.trim());
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - remainingBits) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
