package mx.implan.brujula.citizen;

import mx.implan.brujula.http.IpRange;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code media_url} values of a report, sorted into photos already on this server (its own
 * {@code /api/v1/attachments/{sha256}} URLs) and external links (http or https, e.g. the photo page
 * FixMyStreet sends). Nothing here reaches the network: a link is only parsed, never fetched, and
 * one that points into a private network is refused, since staff open links from inside one.
 */
record MediaUrls(List<String> photos, List<String> links) {

    /** Longest link kept (what browsers and FixMyStreet's URLs stay well under). */
    static final int MAX_URL = 2048;
    private static final Pattern ATTACHMENT_PATH = Pattern.compile("/api/v1/attachments/([0-9a-f]{64})");
    private static final IpRange CARRIER_NAT = IpRange.parse("100.64.0.0/10");
    private static final IpRange UNIQUE_LOCAL_V6 = IpRange.parse("fc00::/7");

    static MediaUrls parse(List<String> values, String publicBaseUrl, int max, Open311Text t) {
        List<String> urls = values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        if (urls.size() > max) {
            throw Open311Error.badRequest(t.get("error.tooManyMediaUrls", max));
        }
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        LinkedHashSet<String> photos = new LinkedHashSet<>();
        LinkedHashSet<String> links = new LinkedHashSet<>();
        for (String url : urls) {
            if (url.length() > MAX_URL) {
                throw Open311Error.badRequest(t.get("error.tooLong", "media_url", MAX_URL));
            }
            String own = url.startsWith("/") ? url
                    : url.regionMatches(true, 0, base + "/", 0, base.length() + 1) ? url.substring(base.length()) : null;
            if (own != null) {
                Matcher m = ATTACHMENT_PATH.matcher(own);
                if (!m.matches()) {
                    throw Open311Error.badRequest(t.get("error.mediaUrl", base + "/api/v1/attachments/{sha256}"));
                }
                photos.add(m.group(1));
            } else {
                links.add(link(url, base, t));
            }
        }
        return new MediaUrls(List.copyOf(photos), List.copyOf(new ArrayList<>(links)));
    }

    /** An absolute http(s) URL to a public host, as given; anything else → 400. */
    private static String link(String url, String base, Open311Text t) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badLink(base, t);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null
                || privateHost(host)) {
            throw badLink(base, t);
        }
        return url;
    }

    private static Open311Error badLink(String base, Open311Text t) {
        return Open311Error.badRequest(t.get("error.mediaUrl", base + "/api/v1/attachments/{sha256}"));
    }

    /** Local names, numeric hosts and IP literals of loopback, private, link-local or carrier networks (names are never looked up). */
    static boolean privateHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal") || !h.contains(".") && !h.contains(":")) {
            return true;
        }
        java.util.Optional<InetAddress> literal = IpRange.literal(h);
        if (literal.isPresent()) {
            return privateAddress(literal.get());
        }
        // Browsers read 127.1 or 0x7f.0.0.1 as addresses: a real name's last label has a letter.
        String tld = h.substring(h.lastIndexOf('.') + 1);
        return tld.startsWith("0x") || !tld.chars().anyMatch(Character::isLetter);
    }

    private static boolean privateAddress(InetAddress a) {
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress() || CARRIER_NAT.contains(a) || UNIQUE_LOCAL_V6.contains(a);
    }
}
