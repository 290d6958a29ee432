package mx.implan.brujula.attachments;

/**
 * One byte range of a {@code Range: bytes=…} header (RFC 9110 §14.1.2). A header this server does
 * not serve as a range — several ranges, another unit, bad syntax — is ignored (the whole photo
 * is sent), as the RFC allows.
 */
record ByteRange(long first, long last) {

    /** Marker for a syntactically valid range that lies outside the representation (416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The range to serve, {@link #UNSATISFIABLE}, or null for the whole representation. */
    static ByteRange parse(String header, long total) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, total - suffix), total - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return null;
            }
            if (first >= total) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
