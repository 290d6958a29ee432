package mx.implan.brujula.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    private static final ClientAddress NO_PROXIES = new ClientAddress(List.<String>of());
    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        assertThat(NO_PROXIES.resolve("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(NO_PROXIES.resolve("127.0.0.1", List.of("198.51.100.1, 10.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeerCannotSpoofItsAddress() {
        assertThat(BEHIND_PROXIES.resolve("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(BEHIND_PROXIES.resolve("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_PROXIES.resolve("192.168.1.7", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void trustedHopsAreSkippedFromTheRightAndEntriesLeftOfTheClientAreNotBelieved() {
        // The client wrote "6.6.6.6" itself; its real address was appended by our first proxy.
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("6.6.6.6, 198.51.100.1, 10.9.9.9")))
                .isEqualTo("198.51.100.1");
        // Several header lines count as one list, in order.
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("6.6.6.6", "198.51.100.1", "10.9.9.9")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("10.5.5.5, 10.6.6.6"))).isEqualTo("10.5.5.5");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void garbageOrHostNamesStopTheWalkAtTheLastAddressVouchedFor() {
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("evil.example, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("198.51.100.1, localhost"))).isEqualTo("10.0.0.2");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("1.2.3"))).isEqualTo("10.0.0.2");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("300.1.1.1"))).isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6PeersAndHops() {
        assertThat(BEHIND_PROXIES.resolve("fd12::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(BEHIND_PROXIES.resolve("2001:db8::9", List.of("198.51.100.1"))).isEqualTo("2001:db8:0:0:0:0:0:9");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.2", List.of("[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void cidrBoundaries() {
        IpRange range = IpRange.parse("172.16.0.0/12");
        assertThat(range.contains(IpRange.literal("172.31.255.255").orElseThrow())).isTrue();
        assertThat(range.contains(IpRange.literal("172.32.0.0").orElseThrow())).isFalse();
        assertThat(range.contains(IpRange.literal("2001:db8::1").orElseThrow())).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("8.8.8.8").orElseThrow())).isTrue();
    }

    @Test
    void aMistakeInTheConfigurationFailsLoudly() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
