package mx.implan.brujula.zones;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.model.geojson.GeoJson;

/**
 * The wire shape of a zone. Lists and the detail share it: list items are built from SQL rows
 * (geometry already GeoJSON text from {@code ST_AsGeoJSON}), the detail from the entity.
 */
@ApplicationScoped
public class ZoneMapper {

    /** CONAPO's marginalisation attributes as they come in the AGEB source. */
    static final String IM = "IM_2020";
    static final String IMN = "IMN_2020";
    static final String GM = "GM_2020";
    static final String GM_CODE = "GM_2020_NU";

    @Inject
    ObjectMapper mapper;

    public ObjectNode toJson(Zone zone) {
        return toJson(zone.id, zone.type.name(), zone.name, zone.parentId, zone.population, zone.areaKm2,
                parse(zone.properties), zone.rev, zone.geom == null ? null : GeoJson.write(zone.geom), true);
    }

    /**
     * @param withProperties the detail carries all remaining source attributes; lists leave them out
     *                       to stay small
     */
    public ObjectNode toJson(String id, String type, String name, String parentId, Integer population, Double areaKm2,
                             JsonNode properties, long rev, JsonNode geometry, boolean withProperties) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", id);
        node.put("type", type);
        node.put("name", name);
        node.put("parentId", parentId);
        node.put("population", population);
        node.put("areaKm2", areaKm2);
        node.set("marginalization", marginalization(properties));
        node.put("rev", rev);
        if (withProperties) {
            node.set("properties", properties == null ? mapper.createObjectNode() : properties);
        }
        if (geometry != null) {
            node.set("geometry", geometry);
        }
        return node;
    }

    /** CONAPO 2020 index and degree, or null for zones without it (localities, municipality). */
    JsonNode marginalization(JsonNode properties) {
        if (properties == null || !properties.hasNonNull(IM)) {
            return mapper.nullNode();
        }
        ObjectNode m = mapper.createObjectNode();
        m.put("year", 2020);
        m.set("index", properties.get(IM));
        m.set("normalizedIndex", properties.path(IMN).isMissingNode() ? mapper.nullNode() : properties.get(IMN));
        m.set("degree", properties.path(GM).isMissingNode() ? mapper.nullNode() : properties.get(GM));
        m.set("degreeCode", properties.path(GM_CODE).isMissingNode() ? mapper.nullNode() : properties.get(GM_CODE));
        return m;
    }

    JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("zone properties are not JSON", e);
        }
    }
}
