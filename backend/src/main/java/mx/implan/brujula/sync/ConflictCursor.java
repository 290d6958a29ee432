package mx.implan.brujula.sync;

import mx.implan.brujula.http.QueryParams;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/** Keyset position in the conflict list: the (createdAt, id) of the last conflict returned, opaque to clients. */
record ConflictCursor(OffsetDateTime createdAt, UUID id) {

    String encode() {
        String raw = createdAt.withOffsetSameInstant(ZoneOffset.UTC) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ConflictCursor decode(String cursor, Locale locale) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                throw new IllegalArgumentException("shape");
            }
            return new ConflictCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
        }
    }
}
