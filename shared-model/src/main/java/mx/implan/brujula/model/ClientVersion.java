package mx.implan.brujula.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client identification sent as {@value #HEADER}: {@code product/major.minor.patch}, e.g.
 * {@code mobile-app/1.4.0}. A pre-release or build suffix ({@code -rc1}, {@code +42}) is accepted and ignored.
 */
public record ClientVersion(String product, int major, int minor, int patch) implements Comparable<ClientVersion> {

    public static final String HEADER = "X-Brujula-Client";

    private static final Pattern FORMAT =
            Pattern.compile("([A-Za-z0-9._-]{1,64})/(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:[-+][0-9A-Za-z.+-]*)?");

    private static final Comparator<ClientVersion> ORDER = Comparator
            .comparing(ClientVersion::product)
            .thenComparingInt(ClientVersion::major)
            .thenComparingInt(ClientVersion::minor)
            .thenComparingInt(ClientVersion::patch);

    public ClientVersion {
        Objects.requireNonNull(product, "product");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0");
        }
    }

    /** Parses a header value; empty for anything malformed (the server then treats the client as unknown). */
    public static Optional<ClientVersion> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int patch = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return Optional.of(new ClientVersion(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), patch));
    }

    /** Same product and not older than {@code minimum}. */
    public boolean isAtLeast(ClientVersion minimum) {
        return product.equals(minimum.product) && compareTo(minimum) >= 0;
    }

    /** Orders by product name, then numerically by version. */
    @Override
    public int compareTo(ClientVersion other) {
        return ORDER.compare(this, other);
    }

    /** The header form, e.g. {@code mobile-app/1.4.0}. */
    @Override
    public String toString() {
        return product + "/" + major + "." + minor + "." + patch;
    }
}
