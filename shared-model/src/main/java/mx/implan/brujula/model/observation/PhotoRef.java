package mx.implan.brujula.model.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/** A photo referenced by content hash; the bytes travel separately (PUT /api/v1/attachments/{sha256}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sha256", "mediaType", "bytes", "takenAt"})
public record PhotoRef(String sha256, String mediaType, Long bytes, OffsetDateTime takenAt) {
}
