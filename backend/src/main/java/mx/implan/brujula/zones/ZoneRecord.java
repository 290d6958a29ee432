package mx.implan.brujula.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One zone as a source delivers it, ready to upsert. {@code geometry} is the GeoJSON geometry object
 * (Polygon or MultiPolygon); it is handed to PostGIS as is, which is what makes loading hundreds of
 * zones a single statement.
 */
public record ZoneRecord(String id, ZoneType type, String name, String parentId, Integer population,
                         Double areaKm2, ObjectNode properties, JsonNode geometry) {
}
