package mx.implan.brujula.sync;

import mx.implan.brujula.http.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in the change log: (txid, seq) of the last delivered change, the sync epoch it belongs
 * to and the view it was read with ({@link #ALL} for supervisors and admins, {@link #OWN} for the
 * others). Opaque to clients (base64url).
 */
public record PullCursor(UUID epoch, String view, long txid, long seq) {

    /** Every observation and the shared reference rows. */
    public static final String ALL = "all";
    /** The caller's own rows: their observations and, for inspectors, their zones' works. */
    public static final String OWN = "own";

    private static final String VERSION = "2";

    public static PullCursor start(UUID epoch, String view) {
        return new PullCursor(epoch, view, 0, 0);
    }

    public String encode() {
        String raw = VERSION + "|" + epoch + "|" + view + "|" + txid + "|" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a client's cursor. A cursor of another epoch, of another view (the caller's role
     * changed between supervisor/admin and the other roles) or of the first format (before
     * inspectors' feeds followed their zones) is 410, so the device resyncs from scratch.
     */
    public static PullCursor decode(String cursor, UUID currentEpoch, String currentView) {
        if (cursor == null || cursor.isBlank()) {
            return start(currentEpoch, currentView);
        }
        PullCursor parsed;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length == 4 && "1".equals(parts[0])) {
                parsed = new PullCursor(UUID.fromString(parts[1]), null, Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            } else if (parts.length == 5 && VERSION.equals(parts[0]) && (ALL.equals(parts[2]) || OWN.equals(parts[2]))) {
                parsed = new PullCursor(UUID.fromString(parts[1]), parts[2], Long.parseLong(parts[3]), Long.parseLong(parts[4]));
            } else {
                throw new IllegalArgumentException("shape");
            }
            if (parsed.txid < 0 || parsed.seq < 0) {
                throw new IllegalArgumentException("negative");
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("cursor", "INVALID_CURSOR", "The cursor is not valid");
        }
        if (!parsed.epoch.equals(currentEpoch) || !currentView.equals(parsed.view)) {
            throw new ApiProblem(410, "CURSOR_EXPIRED", "Gone", "The cursor belongs to another sync epoch or view; do a full resync")
                    .with("epoch", currentEpoch.toString());
        }
        return parsed;
    }
}
