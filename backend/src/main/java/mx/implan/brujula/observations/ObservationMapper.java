package mx.implan.brujula.observations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.CapturedAtPrecision;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.observation.StatusLifecycle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts between the stored row and the wire record of shared-model; the only place that knows both. */
public final class ObservationMapper {

    private static final ObjectMapper JSON = WireJson.strict();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<PhotoRef>> PHOTOS = new TypeReference<>() {
    };

    private ObservationMapper() {
    }

    static Observation toWire(ObservationEntity e) {
        ZoneOffset offset = ZoneOffset.of(e.capturedOffset);
        return Observation.builder()
                .id(e.id)
                .kind(ObservationKind.valueOf(e.kind))
                .geometry(e.geom)
                .accuracyM(e.accuracyM)
                .capturedAt(e.capturedAt.withOffsetSameInstant(offset))
                .capturedAtPrecision(CapturedAtPrecision.valueOf(e.capturedAtPrecision))
                .deviceId(e.deviceId)
                .notes(e.notes)
                .attributes(read(e.attributes, MAP))
                .photos(read(e.photos, PHOTOS))
                .rev(e.rev)
                .author(e.author)
                .status(ObservationStatus.valueOf(e.status))
                .receivedAt(e.receivedAt)
                .flags(flags(e.flags))
                .areaM2(e.areaM2)
                .build();
    }

    /** The row of a new observation: the device's content, revision 1, the kind's initial status. */
    static ObservationEntity newRow(NewObservation n, OffsetDateTime now) {
        ObservationEntity row = new ObservationEntity();
        row.id = n.content().id();
        copyDeviceFields(n.content(), row);
        row.flags = flagNames(n.flags());
        row.areaM2 = n.areaM2();
        row.clockOffsetSeconds = n.clockOffsetSeconds();
        row.status = StatusLifecycle.initial(n.content().kind()).name();
        row.author = n.author();
        row.contentHash = n.contentHash();
        row.rev = 1;
        row.receivedAt = n.receivedAt() == null ? now : n.receivedAt();
        row.updatedAt = now;
        return row;
    }

    /**
     * Exactly what {@link #toWire} gives for {@code row} made by {@link #newRow} from {@code n}, taken from the
     * device's content instead of parsing back the attributes and photos just written as JSON (the ingest path).
     */
    static Observation created(NewObservation n, ObservationEntity row) {
        Observation o = n.content();
        return Observation.builder()
                .id(row.id)
                .kind(o.kind())
                .geometry(row.geom)
                .accuracyM(row.accuracyM)
                .capturedAt(o.capturedAt())
                .capturedAtPrecision(o.precisionOrDefault())
                .deviceId(o.deviceId())
                .notes(o.notes())
                .attributes(o.attributesOrEmpty())
                .photos(o.photosOrEmpty())
                .rev(row.rev)
                .author(row.author)
                .status(ObservationStatus.valueOf(row.status))
                .receivedAt(row.receivedAt)
                .flags(flags(row.flags))
                .areaM2(row.areaM2)
                .build();
    }

    /** Copies the device-owned fields of {@code o} into the row. */
    static void copyDeviceFields(Observation o, ObservationEntity e) {
        e.kind = o.kind().name();
        e.geom = o.geometry();
        e.geom.setSRID(4326);
        e.accuracyM = o.accuracyM();
        e.capturedAt = o.capturedAt().withOffsetSameInstant(ZoneOffset.UTC);
        e.capturedOffset = o.capturedAt().getOffset().getId();
        e.capturedAtPrecision = o.precisionOrDefault().name();
        e.deviceId = o.deviceId();
        e.notes = o.notes();
        e.attributes = write(o.attributesOrEmpty());
        e.photos = write(o.photosOrEmpty());
        e.publicWorkId = publicWorkId(o);
    }

    public static UUID publicWorkId(Observation o) {
        if (o.kind() != ObservationKind.WORKS_PROGRESS) {
            return null;
        }
        Object value = o.attributesOrEmpty().get("publicWorkId");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    public static String[] flagNames(List<Flag> flags) {
        return flags.stream().map(Flag::name).distinct().sorted().toArray(String[]::new);
    }

    public static List<Flag> flags(String[] names) {
        if (names == null) {
            return List.of();
        }
        return Arrays.stream(names).map(ObservationMapper::flag).toList();
    }

    private static Flag flag(String name) {
        try {
            return Flag.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return Flag.UNKNOWN;
        }
    }

    public static String toJson(Object value) {
        return write(value);
    }

    public static Observation fromJson(String json) {
        return read(json, new TypeReference<Observation>() {
        });
    }

    public static Map<String, Object> attributes(String json) {
        return read(json, MAP);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    static OffsetDateTime utcNow() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
