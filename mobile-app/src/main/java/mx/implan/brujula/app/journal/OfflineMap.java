package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.model.geojson.GeoJson;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A field user's offline map as the server made it ({@code GET /api/v1/me/map-package}): the zones they work in
 * with a point to write each name at, the works in them and the municipal boundary. Drawn with no network.
 */
public record OfflineMap(String version, List<Zone> zones, List<Work> works, List<Geometry> boundary) {

    /** An AGEB or locality; {@code labelLon, labelLat}: a point inside it for its name. */
    public record Zone(String id, String type, String name, double labelLon, double labelLat, Geometry geometry) {
    }

    public record Work(String code, String name, Geometry geometry) {
    }

    public OfflineMap {
        zones = List.copyOf(zones);
        works = List.copyOf(works);
        boundary = List.copyOf(boundary);
    }

    /**
     * Reads a package; features whose geometry cannot be read are left out (a newer server may send shapes this
     * app does not draw), a document that is not a package at all is an {@link IOException}.
     */
    static OfflineMap parse(byte[] json, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(json);
        String version = root == null ? null : root.path("version").asText(null);
        if (version == null || !root.path("zones").path("features").isArray()) {
            throw new IOException("not a map package");
        }
        List<Zone> zones = new ArrayList<>();
        for (JsonNode f : root.path("zones").path("features")) {
            Geometry g = geometry(f);
            JsonNode p = f.path("properties");
            JsonNode label = p.path("label");
            if (g != null && label.size() == 2) {
                zones.add(new Zone(f.path("id").asText(), p.path("type").asText(), p.path("name").asText(),
                        label.get(0).asDouble(), label.get(1).asDouble(), g));
            }
        }
        List<Work> works = new ArrayList<>();
        for (JsonNode f : root.path("works").path("features")) {
            Geometry g = geometry(f);
            if (g != null) {
                works.add(new Work(f.path("properties").path("code").asText(), f.path("properties").path("name").asText(), g));
            }
        }
        List<Geometry> boundary = new ArrayList<>();
        for (JsonNode f : root.path("boundary").path("features")) {
            Geometry g = geometry(f);
            if (g != null) {
                boundary.add(g);
            }
        }
        return new OfflineMap(version, zones, works, boundary);
    }

    private static Geometry geometry(JsonNode feature) {
        try {
            return GeoJson.read(feature.path("geometry"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
