package mx.implan.brujula.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How the backend sees its callers through the network in front of it, and what it accepts from them. */
@ConfigMapping(prefix = "brujula.http")
public interface HttpConfig {

    /**
     * Reverse proxies / load balancers (IPs or CIDRs, e.g. {@code 10.0.0.0/8,127.0.0.1}) whose
     * {@code X-Forwarded-For} is believed. Empty (the default): the header is ignored and the
     * client address is the socket peer.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Largest JSON body under {@code /api/} for routes without a limit of their own (the push and
     * photo uploads have theirs); refused by {@code Content-Length} with 413 naming {@code maxBytes}.
     */
    @WithDefault("1M")
    MemorySize maxJsonBody();
}
