package mx.implan.brujula.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a request comes from, for rate limits and login back-off. It is the socket peer,
 * unless the peer is one of {@code brujula.http.trusted-proxies}: then {@code X-Forwarded-For} is
 * walked from the right, skipping trusted hops, and the first address not trusted is the client.
 * Entries left of it were written by the client itself and are never believed. Many citizens
 * share one mobile carrier address (CGNAT), so limits keyed by address are set generously.
 */
@Singleton
public class ClientAddress {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** When the peer address is unknown (should not happen over TCP). */
    public static final String UNKNOWN = "unknown";

    private final List<IpRange> trusted;

    @Inject
    public ClientAddress(HttpConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    /** For tests and tools: the trusted proxies as written in configuration. */
    public ClientAddress(List<String> trustedProxies) {
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(IpRange.parse(entry));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client address of a Vert.x request. */
    public String of(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return UNKNOWN;
        }
        return resolve(request.remoteAddress().host(), request.headers().getAll(FORWARDED_FOR));
    }

    /** The client address given the socket peer and every {@code X-Forwarded-For} header value, in order. */
    public String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpRange.literal(peer);
        if (peerAddress.isEmpty()) {
            return peer == null ? UNKNOWN : peer;
        }
        InetAddress client = peerAddress.get();
        if (!isTrusted(client) || forwardedFor == null) {
            return client.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                // Garbage where an address should be: keep the last hop we could vouch for.
                break;
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
