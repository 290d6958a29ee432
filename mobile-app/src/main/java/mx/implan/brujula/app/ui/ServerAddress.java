package mx.implan.brujula.app.ui;

import mx.implan.brujula.app.sync.BaseUriPolicy;

import java.net.URI;
import java.util.Objects;

/**
 * The server the app talks to, as chosen on the sign-in screen. Only addresses {@link BaseUriPolicy} accepts
 * (HTTPS, or plain HTTP on loopback) are ever stored, so accounts and sync can read it without checking again.
 */
public final class ServerAddress {

    private volatile URI uri;

    public ServerAddress(URI initial) {
        this.uri = BaseUriPolicy.check(initial);
    }

    public URI get() {
        return uri;
    }

    /**
     * Replaces the address.
     *
     * @throws IllegalArgumentException when the address is refused (the current one is kept)
     */
    public URI set(String text) {
        Objects.requireNonNull(text, "text");
        URI candidate;
        try {
            candidate = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an address: " + text, e);
        }
        uri = BaseUriPolicy.check(candidate);
        return uri;
    }
}
