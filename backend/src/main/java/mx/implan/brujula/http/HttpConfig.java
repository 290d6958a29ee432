package mx.implan.brujula.http;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** How the backend sees its callers through the network in front of it. */
@ConfigMapping(prefix = "brujula.http")
public interface HttpConfig {

    /**
     * Reverse proxies / load balancers (IPs or CIDRs, e.g. {@code 10.0.0.0/8,127.0.0.1}) whose
     * {@code X-Forwarded-For} is believed. Empty (the default): the header is ignored and the
     * client address is the socket peer.
     */
    Optional<List<String>> trustedProxies();
}
