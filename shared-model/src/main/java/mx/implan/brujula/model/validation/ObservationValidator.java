package mx.implan.brujula.model.validation;

import static mx.implan.brujula.model.observation.AttributeKeys.*;
import static mx.implan.brujula.model.validation.ValidationCodes.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.AreaCondition;
import mx.implan.brujula.model.observation.AreaType;
import mx.implan.brujula.model.observation.CapturedAtPrecision;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.Resolution;
import mx.implan.brujula.model.observation.UrbanIssue;
import mx.implan.brujula.model.observation.WorkStage;

/**
 * Structural validation of observations as pushed: types, formats, ranges and geometry validity. It works on
 * the raw JSON tree so that one malformed item is reported field by field instead of failing a whole batch,
 * and it reports every violation found (up to 100 per item). Checks that need server state (clock, area of
 * interest, works catalogue, permissions) are not here: the server flags those instead of rejecting.
 * Server-stamped fields a device may send (rev, author, status…) are ignored, not rejected.
 */
public final class ObservationValidator {

    /** Members of an observation the server stamps; a device's values for them are ignored. */
    public static final Set<String> SERVER_FIELDS =
            Set.of("rev", "author", "status", "receivedAt", "flags", "areaM2", "missingPhotos");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = WireJson.strict();

    private ObservationValidator() {
    }

    /** Validates one push item; field paths are relative to the item (prefix them with {@code items[i]}). */
    public static List<Violation> validate(JsonNode item) {
        Checks c = new Checks();
        if (Checks.absent(item)) {
            c.add("", REQUIRED);
            return c.result();
        }
        if (!c.isObject(item, "")) {
            return c.result();
        }
        c.uuid(item, "id", "id", true);
        c.uuid(item, "opId", "opId", true);
        ObservationKind kind = c.enumValue(item, "kind", "kind", true, ObservationKind.class);
        new GeometryChecks(c).check(item, "geometry");
        BigDecimal accuracy = c.number(item, "accuracyM", "accuracyM", false);
        if (c.range(accuracy, Limits.MIN_ACCURACY_M, Limits.MAX_ACCURACY_M, "accuracyM", ACCURACY_RANGE)) {
            c.exactAsDouble(accuracy, "accuracyM");
        }
        c.dateTime(item, "capturedAt", "capturedAt", true);
        CapturedAtPrecision precision =
                c.enumValue(item, "capturedAtPrecision", "capturedAtPrecision", false, CapturedAtPrecision.class);
        c.text(item, "deviceId", "deviceId", false, Limits.MAX_DEVICE_ID);
        c.text(item, "notes", "notes", false, Limits.MAX_NOTES);
        c.count(item, "baseRev", "baseRev", false, Long.MAX_VALUE);
        c.enumValue(item, "resolution", "resolution", false, Resolution.class);
        photos(c, item);
        attributes(c, item, kind, precision);
        // U+0000 anywhere (PostgreSQL stores it neither in text nor in jsonb), sizes, depth, keys, long numbers.
        ItemBounds.check(c, item);
        return c.result();
    }

    /**
     * The item without the members the server stamps ({@link #SERVER_FIELDS}): a device may send them, and they
     * are ignored whatever their type, so they must not reach the binding either. The children are shared.
     */
    public static JsonNode withoutServerFields(JsonNode item) {
        if (item == null || !item.isObject() || SERVER_FIELDS.stream().noneMatch(item::has)) {
            return item;
        }
        ObjectNode copy = MAPPER.createObjectNode();
        for (var e : item.properties()) {
            if (!SERVER_FIELDS.contains(e.getKey())) {
                copy.set(e.getKey(), e.getValue());
            }
        }
        return copy;
    }

    /** Validates an observation built in the app (same rules, via its wire form). */
    public static List<Violation> validate(Observation observation) {
        return validate(MAPPER.<JsonNode>valueToTree(observation));
    }

    public static boolean isValid(Observation observation) {
        return validate(observation).isEmpty();
    }

    /** The push envelope: {@code deviceId} (≤ 100), {@code sentAt} (ISO-8601 with offset), {@code items} array. */
    public static List<Violation> validatePushEnvelope(JsonNode body) {
        Checks c = new Checks();
        if (Checks.absent(body)) {
            c.add("", REQUIRED);
            return c.result();
        }
        if (!c.isObject(body, "")) {
            return c.result();
        }
        c.text(body, "deviceId", "deviceId", true, Limits.MAX_DEVICE_ID);
        JsonNode deviceId = body.get("deviceId");
        if (deviceId != null && deviceId.isTextual() && deviceId.textValue().indexOf('\u0000') >= 0) {
            c.add("deviceId", INVALID_CHARACTER);
        }
        c.dateTime(body, "sentAt", "sentAt", true);
        JsonNode items = c.member(body, "items", "items", true);
        if (items != null) {
            c.isArray(items, "items");
        }
        return c.result();
    }

    private static void photos(Checks c, JsonNode item) {
        JsonNode photos = c.member(item, "photos", "photos", false);
        if (photos == null || !c.isArray(photos, "photos")) {
            return;
        }
        if (photos.size() > Limits.MAX_PHOTOS) {
            c.add("photos", TOO_MANY_PHOTOS, Limits.MAX_PHOTOS, photos.size());
        }
        for (int i = 0; i < photos.size(); i++) {
            String at = FieldPath.index("photos", i);
            JsonNode photo = photos.get(i);
            if (!c.isObject(photo, at)) {
                continue;
            }
            String shaPath = FieldPath.join(at, "sha256");
            String sha = c.text(photo, "sha256", shaPath, true, Integer.MAX_VALUE);
            if (sha != null && !SHA256.matcher(sha).matches()) {
                c.add(shaPath, SHA256_FORMAT, Checks.show(photo.get("sha256")));
            }
            String typePath = FieldPath.join(at, "mediaType");
            String mediaType = c.text(photo, "mediaType", typePath, true, Integer.MAX_VALUE);
            if (mediaType != null && !Limits.PHOTO_MEDIA_TYPES.contains(mediaType)) {
                c.add(typePath, MEDIA_TYPE, Checks.show(photo.get("mediaType")),
                        String.join(", ", Limits.PHOTO_MEDIA_TYPES.stream().sorted().toList()));
            }
            String bytesPath = FieldPath.join(at, "bytes");
            c.count(photo, "bytes", bytesPath, false, Long.MAX_VALUE);
            c.dateTime(photo, "takenAt", FieldPath.join(at, "takenAt"), false);
        }
    }

    private static void attributes(Checks c, JsonNode item, ObservationKind kind, CapturedAtPrecision precision) {
        JsonNode attributes = c.member(item, "attributes", "attributes", false);
        if (attributes != null && !c.isObject(attributes, "attributes")) {
            return;
        }
        if (kind == null) {
            return; // unknown kind: nothing to check attributes against
        }
        JsonNode a = attributes == null ? MAPPER.createObjectNode() : attributes;
        switch (kind) {
            case WORKS_PROGRESS -> {
                c.uuid(a, PUBLIC_WORK_ID, at(PUBLIC_WORK_ID), false);
                c.range(c.number(a, PROGRESS_PERCENT, at(PROGRESS_PERCENT), false),
                        Limits.MIN_PERCENT, Limits.MAX_PERCENT, at(PROGRESS_PERCENT), PERCENT_RANGE);
                c.enumValue(a, STAGE, at(STAGE), false, WorkStage.class);
                c.count(a, WORKERS_ON_SITE, at(WORKERS_ON_SITE), false, Limits.MAX_COUNT);
                c.text(a, ISSUES, at(ISSUES), false, Limits.MAX_ISSUES_TEXT);
            }
            case RISK -> {
                c.enumValue(a, HAZARD, at(HAZARD), true, Hazard.class);
                severity(c, a, true);
                c.count(a, PEOPLE_EXPOSED, at(PEOPLE_EXPOSED), false, Limits.MAX_COUNT);
            }
            case GREEN_AREA -> {
                c.enumValue(a, AREA_TYPE, at(AREA_TYPE), true, AreaType.class);
                c.enumValue(a, CONDITION, at(CONDITION), true, AreaCondition.class);
                c.count(a, TREES, at(TREES), false, Limits.MAX_COUNT);
                c.bool(a, IRRIGATION, at(IRRIGATION), false);
            }
            case URBAN_IMAGE -> {
                c.enumValue(a, ISSUE, at(ISSUE), true, UrbanIssue.class);
                // Imported (date-only) records often carry no severity.
                severity(c, a, precision != CapturedAtPrecision.DATE);
            }
        }
    }

    private static void severity(Checks c, JsonNode a, boolean required) {
        BigDecimal severity = c.integer(a, SEVERITY, at(SEVERITY), required);
        c.range(severity, Limits.MIN_SEVERITY, Limits.MAX_SEVERITY, at(SEVERITY), SEVERITY_RANGE);
    }

    private static String at(String attribute) {
        return FieldPath.join("attributes", attribute);
    }
}
