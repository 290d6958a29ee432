package mx.implan.brujula.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** One IP address or CIDR block (IPv4 or IPv6), as written in {@code brujula.http.trusted-proxies}. */
public record IpRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** {@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}; anything else is a configuration mistake. */
    public static IpRange parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] address = literal(host).map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR: " + text));
        int bits = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad CIDR prefix in " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("CIDR prefix out of range in " + text);
        }
        return new IpRange(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    /**
     * An IP literal, never a host name: checked by shape first, so parsing can never trigger a DNS
     * lookup of a name an attacker put in a header. IPv4-mapped IPv6 becomes plain IPv4.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        var v4 = IPV4.matcher(t);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!(t.indexOf(':') >= 0 && IPV6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }
}
