package mx.implan.brujula.model.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import mx.implan.brujula.model.json.WireJson;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class GeoJsonTest {

    private static final ObjectMapper JSON = WireJson.strict();

    @Provide
    Arbitrary<Geometry> geometries() {
        return GeometryArbitraries.anyGeometry();
    }

    @Property(tries = 300)
    void roundTripsThroughTree(@ForAll("geometries") Geometry g) {
        Geometry back = GeoJson.read(GeoJson.write(g));
        assertThat(back.equalsExact(g)).as("%s vs %s", back, g).isTrue();
        assertThat(back.getGeometryType()).isEqualTo(g.getGeometryType());
        assertThat(back.getSRID()).isEqualTo(4326);
        assertSameZ(back, g);
    }

    @Property(tries = 200)
    void roundTripsThroughJsonText(@ForAll("geometries") Geometry g) throws Exception {
        String text = JSON.writeValueAsString(g);
        Geometry back = JSON.readValue(text, Geometry.class);
        assertThat(back.equalsExact(g)).isTrue();
        assertSameZ(back, g);
    }

    @Provide
    Arbitrary<Polygon> polygons() {
        return GeometryArbitraries.polygon();
    }

    @Property(tries = 200)
    void generatedPolygonsAreValid(@ForAll("polygons") Polygon p) {
        // Guards the generator that other properties rely on.
        assertThat(p.isValid()).isTrue();
    }

    private static void assertSameZ(Geometry a, Geometry b) {
        Coordinate[] ca = a.getCoordinates();
        Coordinate[] cb = b.getCoordinates();
        for (int i = 0; i < ca.length; i++) {
            assertThat(ca[i].equals3D(cb[i]) || (Double.isNaN(ca[i].getZ()) && Double.isNaN(cb[i].getZ())))
                    .as("z of vertex %d", i).isTrue();
        }
    }

    @Test
    void readsLonLatOrderWithSrid4326() throws Exception {
        Geometry g = GeoJson.read(JSON.readTree("{\"type\":\"Point\",\"coordinates\":[-110.9613,29.0729]}"));
        assertThat(g).isInstanceOf(Point.class);
        assertThat(g.getCoordinate().x).isEqualTo(-110.9613);
        assertThat(g.getCoordinate().y).isEqualTo(29.0729);
        assertThat(g.getSRID()).isEqualTo(4326);
    }

    @Test
    void writesRfc7946Shapes() throws Exception {
        Polygon p = (Polygon) GeoJson.read(JSON.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"));
        ObjectNode out = GeoJson.write(p);
        assertThat(out.get("type").asText()).isEqualTo("Polygon");
        assertThat(out.get("coordinates").toString()).isEqualTo("[[[0.0,0.0],[1.0,0.0],[1.0,1.0],[0.0,0.0]]]");
        Point empty = GeoJson.factory().createPoint();
        assertThat(GeoJson.write(empty).toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[]}");
        assertThat(GeoJson.read(GeoJson.write(empty)).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"coordinates\":[1,2]}                                      | type           | REQUIRED",
            "{\"type\":7,\"coordinates\":[1,2]}                           | type           | INVALID_TYPE",
            "{\"type\":\"Circle\",\"coordinates\":[1,2]}                  | type           | GEOMETRY_TYPE",
            "{\"type\":\"Point\"}                                         | coordinates    | REQUIRED",
            "{\"type\":\"Point\",\"coordinates\":{}}                      | coordinates    | INVALID_TYPE",
            "{\"type\":\"Point\",\"coordinates\":[1,\"x\"]}               | coordinates[1] | INVALID_TYPE",
            "{\"type\":\"Point\",\"coordinates\":[1,\"NaN\"]}             | coordinates[1] | NOT_FINITE",
            "{\"type\":\"Point\",\"coordinates\":[1]}                     | coordinates    | INVALID_TYPE",
            "{\"type\":\"LineString\",\"coordinates\":[[1,2]]}            | coordinates    | TOO_FEW_POINTS",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]} | coordinates[0] | TOO_FEW_POINTS",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]} | coordinates[0] | RING_NOT_CLOSED",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,true]]]]} | coordinates[1][0][3][1] | INVALID_TYPE",
            "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[0,0]},{\"type\":\"Point\"}]} | geometries[1].coordinates | REQUIRED",
    })
    void reportsPathAndCodeOfBadStructure(String json, String path, String code) throws Exception {
        JsonNode node = JSON.readTree(json);
        assertThatThrownBy(() -> GeoJson.read(node))
                .isInstanceOfSatisfying(GeoJsonException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void exceptionCanBeReportedUnderAnEnclosingField() {
        GeoJsonException e = new GeoJsonException("coordinates[1]", "NOT_FINITE", "x").under("geometry");
        assertThat(e.path()).isEqualTo("geometry.coordinates[1]");
    }

    @Test
    void moduleRejectsMalformedAndMismatchedGeometries() {
        assertThatThrownBy(() -> JSON.readValue("{\"type\":\"Point\",\"coordinates\":[1]}", Geometry.class))
                .hasMessageContaining("coordinates");
        assertThatThrownBy(() -> JSON.readValue("{\"type\":\"Point\",\"coordinates\":[1,2]}", Polygon.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void buildsFeatures() {
        Point p = GeoJson.factory().createPoint(new Coordinate(-110.9, 29.1));
        ObjectNode props = JSON.createObjectNode().put("name", "Parque Madero");
        ObjectNode fc = GeoJson.featureCollection(List.of(GeoJson.feature("abc", p, props), GeoJson.feature(7, null, null)));
        assertThat(fc.toString()).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"id\":\"abc\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-110.9,29.1]},"
                + "\"properties\":{\"name\":\"Parque Madero\"}},"
                + "{\"type\":\"Feature\",\"id\":7,\"geometry\":null,\"properties\":null}]}");
    }
}
