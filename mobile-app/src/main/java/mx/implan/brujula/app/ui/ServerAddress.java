package mx.implan.brujula.app.ui;

import mx.implan.brujula.app.api.BaseUriPolicy;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server the app talks to, as chosen on the sign-in screen. Only addresses {@link BaseUriPolicy} accepts
 * (HTTPS, or plain HTTP on loopback) are ever stored, so accounts and sync can read it without checking again.
 */
public final class ServerAddress {

    private final Consumer<URI> onChange;
    private volatile URI uri;

    public ServerAddress(URI initial) {
        this(initial, uri -> { });
    }

    /** {@code onChange} is told every accepted address set (the device keeps it for the next start). */
    public ServerAddress(URI initial, Consumer<URI> onChange) {
        this.uri = BaseUriPolicy.check(initial);
        this.onChange = Objects.requireNonNull(onChange, "onChange");
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
        URI accepted = BaseUriPolicy.check(candidate);
        uri = accepted;
        // Told even when unchanged: the address shown at first start came from settings, not from a choice
        // the device has kept yet.
        onChange.accept(accepted);
        return accepted;
    }
}
