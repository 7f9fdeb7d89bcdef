package dev.sitesync.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(IpRanges.parse(List.of("10.1.0.0/16")), 1);

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(addresses.clientOf(ip("203.0.113.9"), List.of("10.0.1.7"))).contains(ip("203.0.113.9"));
    }

    @Test
    void aTrustedProxyNamesTheClientInTheHopItAdded() {
        assertThat(addresses.clientOf(ip("10.1.2.3"), List.of("198.51.100.1, 10.0.1.7"))).contains(ip("10.0.1.7"));
        assertThat(addresses.clientOf(ip("10.1.2.3"), List.of("198.51.100.1", "10.0.1.8"))).contains(ip("10.0.1.8"));
    }

    @Test
    void twoHopsCountFromTheRight() {
        ClientAddresses twoHops = new ClientAddresses(IpRanges.parse(List.of("10.1.0.0/16")), 2);

        assertThat(twoHops.clientOf(ip("10.1.2.3"), List.of("6.6.6.6, 10.0.1.7, 10.1.9.9"))).contains(ip("10.0.1.7"));
    }

    @Test
    void aTrustedProxyThatForwardsNothingIsItselfTheClient() {
        assertThat(addresses.clientOf(ip("10.1.2.3"), List.of())).contains(ip("10.1.2.3"));
    }

    @Test
    void aForwardedNameThatIsNotAnAddressPlacesTheClientNowhere() {
        assertThat(addresses.clientOf(ip("10.1.2.3"), List.of("localhost"))).isEmpty();
        assertThat(addresses.clientOf(ip("10.1.2.3"), List.of("999.1.1.1"))).isEmpty();
    }

    @Test
    void rangesMatchByPrefixForBothFamilies() {
        assertThat(IpRange.parse("10.0.1.0/24").contains(ip("10.0.1.255"))).isTrue();
        assertThat(IpRange.parse("10.0.1.0/24").contains(ip("10.0.2.0"))).isFalse();
        assertThat(IpRange.parse("10.0.0.0/9").contains(ip("10.127.0.1"))).isTrue();
        assertThat(IpRange.parse("10.0.0.0/9").contains(ip("10.128.0.1"))).isFalse();
        assertThat(IpRange.parse("fd00::/8").contains(ip("fd12::1"))).isTrue();
        assertThat(IpRange.parse("fd00::/8").contains(ip("10.0.0.1"))).isFalse();
        assertThat(IpRange.parse("127.0.0.1").contains(ip("::ffff:127.0.0.1"))).isTrue();
    }

    @Test
    void aMalformedRangeStopsTheConfiguration() {
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("intranet.example/24")).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) {
        return IpAddresses.parse(literal).orElseThrow();
    }
}
