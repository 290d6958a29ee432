package mx.implan.brujula.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.model.observation.AreaCondition;
import mx.implan.brujula.model.observation.AreaType;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.UrbanIssue;
import mx.implan.brujula.model.observation.WorkStage;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How observations read on screen: one-line summaries, field names and values (lists, map, conflicts). */
public final class ObservationText {

    private static final Map<String, Class<? extends Enum<?>>> ENUM_ATTRIBUTES = Map.of(
            AttributeKeys.HAZARD, Hazard.class,
            AttributeKeys.ISSUE, UrbanIssue.class,
            AttributeKeys.AREA_TYPE, AreaType.class,
            AttributeKeys.CONDITION, AreaCondition.class,
            AttributeKeys.STAGE, WorkStage.class);

    private final Texts t;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    public ObservationText(Texts texts) {
        this.t = texts;
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(texts.locale());
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(texts.locale());
    }

    /** E.g. "Riesgo · Hundimiento · severidad 4". */
    public String summary(Observation o) {
        List<String> parts = new ArrayList<>();
        parts.add(o.kind() == null ? "?" : t.label(o.kind()));
        Map<String, Object> a = o.attributesOrEmpty();
        for (String key : List.of(AttributeKeys.HAZARD, AttributeKeys.ISSUE, AttributeKeys.AREA_TYPE)) {
            if (a.get(key) != null) {
                parts.add(attributeValue(key, a.get(key)));
            }
        }
        if (a.get(AttributeKeys.PROGRESS_PERCENT) != null) {
            parts.add(a.get(AttributeKeys.PROGRESS_PERCENT) + " %");
        }
        if (a.get(AttributeKeys.SEVERITY) != null) {
            parts.add(t.format("summary.severity", a.get(AttributeKeys.SEVERITY)));
        }
        return String.join(" · ", parts);
    }

    public String when(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : dateTime.format(at.atZoneSameInstant(zone));
    }

    /** A calendar day in the user's language; null stays null (shown as a dash). */
    public String date(java.time.LocalDate day) {
        return day == null ? null : date.format(day);
    }

    /** Label of an attribute value: enum names through the bundle, booleans as sí/no, others as they are. */
    public String attributeValue(String key, Object value) {
        if (value == null) {
            return "—";
        }
        Class<? extends Enum<?>> type = ENUM_ATTRIBUTES.get(key);
        if (type != null) {
            return t.label(type, value);
        }
        if (value instanceof Boolean b) {
            return t.get(b ? "value.yes" : "value.no");
        }
        return String.valueOf(value);
    }

    /** Name of a flattened field (see shared-model's ObservationFields): "geometry", "attributes.hazard"… */
    public String fieldName(String field) {
        String key = "field." + field;
        return t.has(key) ? t.get(key) : field;
    }

    /** Value of a flattened field as JSON, for the conflict screen. */
    public String fieldValue(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return "—";
        }
        if (field.startsWith("attributes.")) {
            String key = field.substring("attributes.".length());
            Object plain = value.isTextual() ? value.textValue()
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asText();
            return attributeValue(key, plain);
        }
        if (field.equals("geometry")) {
            JsonNode type = value.get("type");
            return type == null ? value.toString() : t.label(GeometryKind.fromGeoJsonType(type.asText())) + " "
                    + abbreviate(value.get("coordinates"));
        }
        if (field.equals("photos")) {
            return t.format("value.photos", value.size());
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** "29.07290, -110.95590" (latitude first, as people read them). */
    public static String latLon(double lat, double lon) {
        return String.format(Locale.ROOT, "%.5f, %.5f", lat, lon);
    }

    public String where(Geometry g) {
        if (g == null || g.isEmpty()) {
            return t.get("location.none");
        }
        Coordinate c = g.getCentroid().getCoordinate();
        GeometryKind kind = GeometryKind.of(g);
        return kind == GeometryKind.POINT ? latLon(c.y, c.x)
                : t.format("location.shape", t.label(kind), g.getNumPoints(), latLon(c.y, c.x));
    }

    private static String abbreviate(JsonNode coordinates) {
        String text = coordinates == null ? "" : coordinates.toString();
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}
