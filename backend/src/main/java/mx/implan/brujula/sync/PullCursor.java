package mx.implan.brujula.sync;

import mx.implan.brujula.http.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in the change log: (txid, seq) of the last delivered change, plus the sync epoch it
 * belongs to. Opaque to clients (base64url).
 */
public record PullCursor(UUID epoch, long txid, long seq) {

    private static final String VERSION = "1";

    public static PullCursor start(UUID epoch) {
        return new PullCursor(epoch, 0, 0);
    }

    public String encode() {
        String raw = VERSION + "|" + epoch + "|" + txid + "|" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a client's cursor; a cursor of another epoch is 410 so the device resyncs from scratch. */
    public static PullCursor decode(String cursor, UUID currentEpoch) {
        if (cursor == null || cursor.isBlank()) {
            return start(currentEpoch);
        }
        PullCursor parsed;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("shape");
            }
            parsed = new PullCursor(UUID.fromString(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            if (parsed.txid < 0 || parsed.seq < 0) {
                throw new IllegalArgumentException("negative");
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("cursor", "INVALID_CURSOR", "The cursor is not valid");
        }
        if (!parsed.epoch.equals(currentEpoch)) {
            throw new ApiProblem(410, "CURSOR_EXPIRED", "Gone", "The cursor belongs to another sync epoch; do a full resync")
                    .with("epoch", currentEpoch.toString());
        }
        return parsed;
    }
}
