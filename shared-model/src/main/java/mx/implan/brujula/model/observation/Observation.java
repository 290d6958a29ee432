package mx.implan.brujula.model.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * One field observation as it travels between device and server.
 * The first block of components is owned by the device; {@code rev} … {@code missingPhotos} are stamped by
 * the server and ignored when a device sends them. Collections are copied and unmodifiable; null means "not sent".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "opId", "kind", "geometry", "accuracyM", "capturedAt", "capturedAtPrecision", "deviceId",
        "notes", "attributes", "photos", "baseRev", "resolution",
        "rev", "author", "status", "receivedAt", "flags", "areaM2", "missingPhotos"})
public record Observation(
        UUID id,
        UUID opId,
        ObservationKind kind,
        Geometry geometry,
        Double accuracyM,
        OffsetDateTime capturedAt,
        CapturedAtPrecision capturedAtPrecision,
        String deviceId,
        String notes,
        Map<String, Object> attributes,
        List<PhotoRef> photos,
        Long baseRev,
        Resolution resolution,
        // server-stamped
        Long rev,
        String author,
        ObservationStatus status,
        OffsetDateTime receivedAt,
        List<Flag> flags,
        Double areaM2,
        List<String> missingPhotos) {

    public Observation {
        // Ordered copy: attribute order is kept for display; null values are allowed (they mean "absent").
        attributes = attributes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        photos = copy(photos);
        flags = copy(flags);
        missingPhotos = copy(missingPhotos);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code capturedAtPrecision}, defaulting to INSTANT as the contract says. */
    public CapturedAtPrecision precisionOrDefault() {
        return capturedAtPrecision == null ? CapturedAtPrecision.INSTANT : capturedAtPrecision;
    }

    public Map<String, Object> attributesOrEmpty() {
        return attributes == null ? Map.of() : attributes;
    }

    public List<PhotoRef> photosOrEmpty() {
        return photos == null ? List.of() : photos;
    }

    public List<Flag> flagsOrEmpty() {
        return flags == null ? List.of() : flags;
    }

    /** Copy with everything the server stamps replaced. */
    public Observation withServerFields(Long rev, String author, ObservationStatus status, OffsetDateTime receivedAt,
                                        List<Flag> flags, Double areaM2, List<String> missingPhotos) {
        return toBuilder().rev(rev).author(author).status(status).receivedAt(receivedAt).flags(flags)
                .areaM2(areaM2).missingPhotos(missingPhotos).build();
    }

    /** Copy without server-stamped fields: what the server keeps of a device's push before stamping its own. */
    public Observation withoutServerFields() {
        return withServerFields(null, null, null, null, null, null, null);
    }

    public Observation withStatus(ObservationStatus status) {
        return toBuilder().status(status).build();
    }

    public Observation withRev(Long rev) {
        return toBuilder().rev(rev).build();
    }

    public Observation withAttributes(Map<String, Object> attributes) {
        return toBuilder().attributes(attributes).build();
    }

    /** Mutable builder; {@link Observation#toBuilder()} makes edits of an immutable observation cheap to write. */
    public static final class Builder {
        private UUID id;
        private UUID opId;
        private ObservationKind kind;
        private Geometry geometry;
        private Double accuracyM;
        private OffsetDateTime capturedAt;
        private CapturedAtPrecision capturedAtPrecision;
        private String deviceId;
        private String notes;
        private Map<String, Object> attributes;
        private List<PhotoRef> photos;
        private Long baseRev;
        private Resolution resolution;
        private Long rev;
        private String author;
        private ObservationStatus status;
        private OffsetDateTime receivedAt;
        private List<Flag> flags;
        private Double areaM2;
        private List<String> missingPhotos;

        private Builder() {
        }

        private Builder(Observation o) {
            id = o.id;
            opId = o.opId;
            kind = o.kind;
            geometry = o.geometry;
            accuracyM = o.accuracyM;
            capturedAt = o.capturedAt;
            capturedAtPrecision = o.capturedAtPrecision;
            deviceId = o.deviceId;
            notes = o.notes;
            attributes = o.attributes;
            photos = o.photos;
            baseRev = o.baseRev;
            resolution = o.resolution;
            rev = o.rev;
            author = o.author;
            status = o.status;
            receivedAt = o.receivedAt;
            flags = o.flags;
            areaM2 = o.areaM2;
            missingPhotos = o.missingPhotos;
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder opId(UUID opId) {
            this.opId = opId;
            return this;
        }

        public Builder kind(ObservationKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder geometry(Geometry geometry) {
            this.geometry = geometry;
            return this;
        }

        public Builder accuracyM(Double accuracyM) {
            this.accuracyM = accuracyM;
            return this;
        }

        public Builder capturedAt(OffsetDateTime capturedAt) {
            this.capturedAt = capturedAt;
            return this;
        }

        public Builder capturedAtPrecision(CapturedAtPrecision capturedAtPrecision) {
            this.capturedAtPrecision = capturedAtPrecision;
            return this;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder attributes(Map<String, Object> attributes) {
            this.attributes = attributes;
            return this;
        }

        /** Sets one attribute, keeping the others; a null value removes it. */
        public Builder attribute(String key, Object value) {
            Map<String, Object> copy = attributes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(attributes);
            if (value == null) {
                copy.remove(key);
            } else {
                copy.put(key, value);
            }
            this.attributes = copy;
            return this;
        }

        public Builder photos(List<PhotoRef> photos) {
            this.photos = photos;
            return this;
        }

        public Builder baseRev(Long baseRev) {
            this.baseRev = baseRev;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder rev(Long rev) {
            this.rev = rev;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder status(ObservationStatus status) {
            this.status = status;
            return this;
        }

        public Builder receivedAt(OffsetDateTime receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder flags(List<Flag> flags) {
            this.flags = flags;
            return this;
        }

        public Builder areaM2(Double areaM2) {
            this.areaM2 = areaM2;
            return this;
        }

        public Builder missingPhotos(List<String> missingPhotos) {
            this.missingPhotos = missingPhotos;
            return this;
        }

        public Observation build() {
            return new Observation(id, opId, kind, geometry, accuracyM, capturedAt, capturedAtPrecision, deviceId,
                    notes, attributes, photos, baseRev, resolution, rev, author, status, receivedAt, flags, areaM2,
                    missingPhotos);
        }
    }
}
