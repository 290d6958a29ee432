package mx.implan.brujula.app.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which server addresses the app may talk to. Passwords and tokens travel in every request, so anything but
 * HTTPS is refused, except on the device's own loopback interface (a developer's backend on the same
 * machine), where nothing leaves the device. Public so a settings screen can check an address before use.
 */
public final class BaseUriPolicy {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private BaseUriPolicy() {
    }

    /**
     * Returns {@code uri} normalised to end with {@code /} (so API paths resolve below it), or throws
     * {@link IllegalArgumentException} explaining why it is refused.
     */
    public static URI check(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("The server address is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The server address must be absolute, like https://brujula.example.mx/ (got "
                    + uri + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The server address must not contain a user name or password: " + safe(uri));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The server address must not have a query or fragment: " + uri);
        }
        if (scheme.equals("http")) {
            if (!isLoopbackHost(host)) {
                throw new IllegalArgumentException("Refusing insecure server address " + uri
                        + ": use https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 or ::1)");
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("Unsupported scheme '" + uri.getScheme() + "' in server address " + uri
                    + ": use https://");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * True for {@code localhost}, an IPv4 literal in 127.0.0.0/8 and the IPv6 loopback literal. Decided from the
     * text alone, never by a DNS lookup: a name that merely resolves to 127.0.0.1 today can resolve elsewhere
     * tomorrow (or on another network), and the check must hold wherever the device is.
     */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        var v4 = IPV4_LOOPBACK.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 3; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+")) {
            try {
                // A literal with ':' is parsed, never resolved through DNS.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException notALiteral) {
                return false;
            }
        }
        return false;
    }

    private static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
