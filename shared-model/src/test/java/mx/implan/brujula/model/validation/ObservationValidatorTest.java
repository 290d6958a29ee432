package mx.implan.brujula.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import mx.implan.brujula.model.Fixtures;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.geojson.GeometryArbitraries;
import mx.implan.brujula.model.observation.Observation;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ObservationValidatorTest {

    private static List<Violation> validate(JsonNode item) {
        return ObservationValidator.validate(item);
    }

    private static JsonNode json(String text) {
        try {
            return Fixtures.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode withGeometry(String geometry) {
        ObjectNode item = Fixtures.item();
        item.set("geometry", json(geometry));
        return item;
    }

    private static ObjectNode attributes(ObjectNode item) {
        return (ObjectNode) item.get("attributes");
    }

    private static ObjectNode worksItem() {
        ObjectNode item = Fixtures.item();
        item.put("kind", "WORKS_PROGRESS");
        item.set("attributes", json("""
                {"publicWorkId":"0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e6f","progressPercent":42.5,"stage":"EN_EJECUCION",
                 "workersOnSite":12,"issues":"Falta señalización"}"""));
        return item;
    }

    private static ArrayNode line(int positions) {
        ArrayNode coordinates = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < positions; i++) {
            coordinates.addArray().add(-110.9 + i * 1e-5).add(29.07 + (i % 2) * 1e-5);
        }
        return coordinates;
    }

    @Test
    void theDesignExampleIsValid() {
        assertThat(validate(Fixtures.item())).isEmpty();
        assertThat(validate(worksItem())).isEmpty();
        assertThat(ObservationValidator.validate(Fixtures.risk())).isEmpty();
    }

    @Test
    void nulCharactersAreRefusedWhereverTheyAre() {
        ObjectNode item = Fixtures.item();
        item.put("notes", "antes\u0000después");
        attributes(item).put("hazard\u0000", "x");
        item.putArray("photos").addObject().put("sha256", "a".repeat(64)).put("mediaType", "image/jpeg\u0000");
        assertThat(validate(item)).extracting(Violation::field, Violation::code).contains(
                tuple("notes", "INVALID_CHARACTER"),
                tuple("attributes", "INVALID_CHARACTER"),
                tuple("photos[0].mediaType", "INVALID_CHARACTER"));
        ObjectNode envelope = Fixtures.JSON.createObjectNode();
        envelope.put("deviceId", "tab\u0000").put("sentAt", "2026-11-25T10:00:00Z").putArray("items");
        assertThat(ObservationValidator.validatePushEnvelope(envelope)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("deviceId", "INVALID_CHARACTER"));
    }

    @Test
    void required() {
        ObjectNode item = Fixtures.item();
        item.remove("capturedAt");
        attributes(item).remove("hazard");
        attributes(item).putNull("severity"); // null counts as absent
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("capturedAt", "REQUIRED"),
                tuple("attributes.hazard", "REQUIRED"),
                tuple("attributes.severity", "REQUIRED"));
    }

    @Test
    void wrongJsonTypeIsReportedAtItsField() {
        ObjectNode item = Fixtures.item();
        item.put("accuracyM", "abc");
        item.put("notes", 12);
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("accuracyM", "INVALID_TYPE"),
                tuple("notes", "INVALID_TYPE"));
    }

    @Test
    void itemThatIsNotAnObject() {
        assertThat(validate(json("[1,2]"))).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("", "INVALID_TYPE"));
        assertThat(validate(null)).extracting(Violation::code).containsExactly("REQUIRED");
    }

    @Test
    void invalidUuid() {
        ObjectNode item = Fixtures.item();
        item.put("id", "not-a-uuid");
        item.put("opId", "0193a1e2-8d00-7000-8000-00000000002"); // one digit short
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("id", "INVALID_UUID"), tuple("opId", "INVALID_UUID"));
    }

    @Test
    void invalidDatetime() {
        ObjectNode item = Fixtures.item();
        item.put("capturedAt", "2026-11-25T10:15:00"); // no offset
        ((ObjectNode) item.get("photos").get(0)).put("takenAt", "2026-02-30T10:00:00Z");
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("capturedAt", "INVALID_DATETIME"), tuple("photos[0].takenAt", "INVALID_DATETIME"));
    }

    @Test
    void unknownKindAndHazard() {
        ObjectNode unknownKind = Fixtures.item();
        unknownKind.put("kind", "VOLCANO");
        assertThat(validate(unknownKind)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("kind", "INVALID_ENUM"));
        ObjectNode unknownHazard = Fixtures.item();
        attributes(unknownHazard).put("hazard", "METEORITO");
        assertThat(validate(unknownHazard)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("attributes.hazard", "INVALID_ENUM"));
        assertThat(validate(unknownHazard).get(0).messageEn()).contains("METEORITO").contains("INUNDACION, DESLIZAMIENTO");
    }

    @Test
    void unknownUrbanIssueStageAreaType() {
        ObjectNode urban = Fixtures.item();
        urban.put("kind", "URBAN_IMAGE");
        urban.set("attributes", json("{\"issue\":\"OVNI\",\"severity\":2}"));
        ObjectNode works = worksItem();
        attributes(works).put("stage", "CASI");
        ObjectNode green = Fixtures.item();
        green.put("kind", "GREEN_AREA");
        green.set("attributes", json("{\"areaType\":\"BOSQUE\",\"condition\":\"BUENO\"}"));
        assertThat(validate(urban)).extracting(Violation::field).containsExactly("attributes.issue");
        assertThat(validate(works)).extracting(Violation::field).containsExactly("attributes.stage");
        assertThat(validate(green)).extracting(Violation::field).containsExactly("attributes.areaType");
    }

    @Test
    void notFiniteAsTokenOrString() throws Exception {
        // A NaN token must not break parsing of the whole body: the mapper accepts it and the validator reports it.
        JsonNode item = Fixtures.JSON.readTree(Fixtures.DESIGN_ITEM.replace("\"accuracyM\": 4.5", "\"accuracyM\": NaN")
                .replace("[-110.9613, 29.0729]", "[\"Infinity\", 29.0729]"));
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("accuracyM", "NOT_FINITE"), tuple("geometry.coordinates[0]", "NOT_FINITE"));
        ObjectNode asString = Fixtures.item();
        asString.put("accuracyM", "NaN");
        assertThat(validate(asString)).extracting(Violation::code).containsExactly("NOT_FINITE");
        Observation nan = Fixtures.risk().toBuilder().accuracyM(Double.NaN).build();
        assertThat(ObservationValidator.validate(nan)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("accuracyM", "NOT_FINITE"));
    }

    @Test
    void latitudeOutOfRange() {
        List<Violation> v = validate(withGeometry("{\"type\":\"Point\",\"coordinates\":[-110.96,95]}"));
        assertThat(v).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates[1]", "LAT_RANGE"));
        assertThat(v.get(0).message(Locale.forLanguageTag("es-MX")))
                .isEqualTo("La latitud debe estar entre -90 y 90 (recibido 95).");
        assertThat(v.get(0).message(Locale.US)).isEqualTo("Latitude must be between -90 and 90 (received 95).");
    }

    @Test
    void longitudeOutOfRange() {
        assertThat(validate(withGeometry("{\"type\":\"Point\",\"coordinates\":[-200,29.07]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates[0]", "LON_RANGE"));
        assertThat(validate(withGeometry("{\"type\":\"Point\",\"coordinates\":[180,-90]}"))).isEmpty();
    }

    @Test
    void rangeErrorsInsideLinesAndPolygonsNameTheVertex() {
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[2,91]]}")))
                .extracting(Violation::field).containsExactly("geometry.coordinates[2][1]");
        assertThat(validate(withGeometry(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.4,0.2],[0.4,0.4],[190,0.2]]]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates[1][3][0]", "LON_RANGE"));
    }

    @Test
    void onlyPointLineAndPolygon() {
        assertThat(validate(withGeometry("{\"type\":\"MultiPoint\",\"coordinates\":[[0,0]]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.type", "GEOMETRY_TYPE"));
        Observation multi = Fixtures.risk().toBuilder()
                .geometry(GeoJson.factory().createMultiPoint(new Coordinate[]{new Coordinate(0, 0)})).build();
        assertThat(ObservationValidator.validate(multi)).extracting(Violation::code).containsExactly("GEOMETRY_TYPE");
    }

    @Test
    void tooFewPoints() {
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,0],[0,0]]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates", "TOO_FEW_POINTS"));
        assertThat(validate(withGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,0],[0,0]]]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates[0]", "TOO_FEW_POINTS"));
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,0],[0,1e-9]]}"))).isEmpty();
    }

    @Test
    void openRing() {
        assertThat(validate(withGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates[0]", "RING_NOT_CLOSED"));
    }

    @Test
    void selfIntersectingBowTie() {
        List<Violation> v = validate(withGeometry(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"));
        assertThat(v).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates", "SELF_INTERSECTION"));
        assertThat(v.get(0).messageEs()).isEqualTo("El polígono se cruza consigo mismo cerca de (0.5, 0.5).");
    }

    @Test
    void selfIntersectingLinesAreFine() {
        // GPS tracks cross themselves; only polygons must be simple.
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[1,0],[0,1]]}"))).isEmpty();
    }

    @Test
    void holeOutsideShell() {
        assertThat(validate(withGeometry("{\"type\":\"Polygon\",\"coordinates\":["
                + "[[0,0],[1,0],[1,1],[0,1],[0,0]],[[5,5],[6,5],[6,6],[5,5]]]}")))
                .extracting(Violation::code, Violation::variant)
                .containsExactly(tuple("INVALID_GEOMETRY", "holeOutsideShell"));
    }

    @Test
    void vertexLimitIsInclusive() {
        ObjectNode ok = withGeometry("{\"type\":\"LineString\"}");
        ((ObjectNode) ok.get("geometry")).set("coordinates", line(5_000));
        assertThat(validate(ok)).isEmpty();
        ObjectNode tooMany = withGeometry("{\"type\":\"LineString\"}");
        ((ObjectNode) tooMany.get("geometry")).set("coordinates", line(5_001));
        List<Violation> v = validate(tooMany);
        assertThat(v).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.coordinates", "TOO_MANY_VERTICES"));
        assertThat(v.get(0).messageEn()).isEqualTo("The geometry has 5001 vertices; the maximum is 5000. Simplify the track.");
    }

    @Test
    void polygonVerticesCountAcrossRings() {
        // 2 rings of 2,501 positions = 5,002 > 5,000 although each ring alone is fine.
        StringBuilder ring = new StringBuilder("[");
        for (int i = 0; i < 2_500; i++) {
            double a = 2 * Math.PI * i / 2_500;
            ring.append('[').append(Math.cos(a)).append(',').append(Math.sin(a)).append("],");
        }
        ring.append("[1.0,0.0]]");
        List<Violation> v = validate(withGeometry("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}"));
        assertThat(v).isEmpty();
        assertThat(validate(withGeometry("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "," + ring + "]}")))
                .extracting(Violation::code).contains("TOO_MANY_VERTICES");
    }

    @Test
    void percentRange() {
        ObjectNode over = worksItem();
        attributes(over).put("progressPercent", 101);
        ObjectNode under = worksItem();
        attributes(under).put("progressPercent", -0.5);
        ObjectNode full = worksItem();
        attributes(full).put("progressPercent", 100);
        assertThat(validate(over)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("attributes.progressPercent", "PERCENT_RANGE"));
        assertThat(validate(under)).extracting(Violation::code).containsExactly("PERCENT_RANGE");
        assertThat(validate(full)).isEmpty();
    }

    @Test
    void severityRange() {
        for (int severity : new int[]{0, 6}) {
            ObjectNode item = Fixtures.item();
            attributes(item).put("severity", severity);
            assertThat(validate(item)).extracting(Violation::field, Violation::code)
                    .containsExactly(tuple("attributes.severity", "SEVERITY_RANGE"));
        }
        for (int severity : new int[]{1, 5}) {
            ObjectNode item = Fixtures.item();
            attributes(item).put("severity", severity);
            assertThat(validate(item)).isEmpty();
        }
        ObjectNode fractional = Fixtures.item();
        attributes(fractional).put("severity", 4.5);
        assertThat(validate(fractional)).extracting(Violation::code, Violation::variant)
                .containsExactly(tuple("INVALID_TYPE", "integer"));
        ObjectNode integralDecimal = Fixtures.item();
        attributes(integralDecimal).put("severity", 4.0);
        assertThat(validate(integralDecimal)).isEmpty();
    }

    @Test
    void urbanImageSeverityIsOptionalOnlyForImportedRecords() {
        ObjectNode urban = Fixtures.item();
        urban.put("kind", "URBAN_IMAGE");
        urban.set("attributes", json("{\"issue\":\"BACHE\"}"));
        assertThat(validate(urban)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("attributes.severity", "REQUIRED"));
        urban.put("capturedAtPrecision", "DATE");
        assertThat(validate(urban)).isEmpty();
    }

    @Test
    void negative() {
        ObjectNode item = Fixtures.item();
        attributes(item).put("peopleExposed", -1);
        item.put("baseRev", -3);
        ((ObjectNode) item.get("photos").get(0)).put("bytes", -10);
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("attributes.peopleExposed", "NEGATIVE"), tuple("baseRev", "NEGATIVE"),
                tuple("photos[0].bytes", "NEGATIVE"));
        ObjectNode green = Fixtures.item();
        green.put("kind", "GREEN_AREA");
        green.set("attributes", json("{\"areaType\":\"PARQUE\",\"condition\":\"MALO\",\"trees\":-2,\"irrigation\":\"yes\"}"));
        assertThat(validate(green)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("attributes.trees", "NEGATIVE"), tuple("attributes.irrigation", "INVALID_TYPE"));
    }

    @Test
    void tooLong() {
        ObjectNode item = Fixtures.item();
        item.put("notes", "x".repeat(4_001));
        item.put("deviceId", "d".repeat(101));
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("notes", "TOO_LONG"), tuple("deviceId", "TOO_LONG"));
        ObjectNode works = worksItem();
        attributes(works).put("issues", "y".repeat(2_001));
        assertThat(validate(works)).extracting(Violation::field).containsExactly("attributes.issues");
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        ObjectNode item = Fixtures.item();
        item.put("notes", "\uD83C\uDF33".repeat(4_000)); // 4,000 tree emoji = 8,000 UTF-16 units
        assertThat(validate(item)).isEmpty();
        item.put("notes", "x".repeat(4_000));
        assertThat(validate(item)).isEmpty();
    }

    @Test
    void tooManyPhotos() {
        ObjectNode item = Fixtures.item();
        ArrayNode photos = (ArrayNode) item.get("photos");
        while (photos.size() < 20) {
            photos.add(photos.get(0).deepCopy());
        }
        assertThat(validate(item)).isEmpty();
        photos.add(photos.get(0).deepCopy());
        assertThat(validate(item)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("photos", "TOO_MANY_PHOTOS"));
    }

    @Test
    void sha256Format() {
        ObjectNode item = Fixtures.item();
        ArrayNode photos = (ArrayNode) item.get("photos");
        photos.add(photos.get(0).deepCopy());
        photos.add(((ObjectNode) photos.get(0).deepCopy()).put("sha256", Fixtures.SHA.toUpperCase(Locale.ROOT)));
        photos.add(((ObjectNode) photos.get(0).deepCopy()).put("sha256", Fixtures.SHA.substring(1)));
        photos.add(((ObjectNode) photos.get(0).deepCopy()).put("sha256", Fixtures.SHA.replace('f', 'g')));
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactly(
                tuple("photos[2].sha256", "SHA256_FORMAT"), tuple("photos[3].sha256", "SHA256_FORMAT"),
                tuple("photos[4].sha256", "SHA256_FORMAT"));
    }

    @Test
    void mediaType() {
        ObjectNode item = Fixtures.item();
        ((ObjectNode) item.get("photos").get(0)).put("mediaType", "image/gif");
        List<Violation> v = validate(item);
        assertThat(v).extracting(Violation::field, Violation::code).containsExactly(tuple("photos[0].mediaType", "MEDIA_TYPE"));
        assertThat(v.get(0).messageEs()).isEqualTo(
                "Tipo de imagen no admitido «image/gif». Se admiten: image/heic, image/jpeg, image/png, image/webp.");
    }

    @Test
    void accuracyRange() {
        for (double accuracy : new double[]{-1, 10_000.5}) {
            ObjectNode item = Fixtures.item();
            item.put("accuracyM", accuracy);
            assertThat(validate(item)).extracting(Violation::field, Violation::code)
                    .containsExactly(tuple("accuracyM", "ACCURACY_RANGE"));
        }
        ObjectNode edge = Fixtures.item();
        edge.put("accuracyM", 10_000);
        assertThat(validate(edge)).isEmpty();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        ObjectNode item = Fixtures.item();
        item.put("id", "nope");
        item.put("accuracyM", "abc");
        item.set("geometry", json("{\"type\":\"Point\",\"coordinates\":[-200,95]}"));
        attributes(item).put("hazard", "METEORITO").put("severity", 9);
        ((ObjectNode) item.get("photos").get(0)).put("sha256", "abc");
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("id", "INVALID_UUID"),
                tuple("accuracyM", "INVALID_TYPE"),
                tuple("geometry.coordinates[0]", "LON_RANGE"),
                tuple("geometry.coordinates[1]", "LAT_RANGE"),
                tuple("attributes.hazard", "INVALID_ENUM"),
                tuple("attributes.severity", "SEVERITY_RANGE"),
                tuple("photos[0].sha256", "SHA256_FORMAT"));
    }

    @Test
    void hostileItemsProduceABoundedReport() {
        ObjectNode item = withGeometry("{\"type\":\"LineString\"}");
        ArrayNode coordinates = ((ObjectNode) item.get("geometry")).putArray("coordinates");
        for (int i = 0; i < 1_000; i++) {
            coordinates.addArray().add(500).add(500);
        }
        assertThat(validate(item)).hasSize(Checks.MAX_VIOLATIONS);
    }

    @Test
    void serverStampedFieldsFromDevicesAreIgnored() {
        ObjectNode item = Fixtures.item();
        item.put("rev", 99).put("author", "mallory").put("status", "NOT_A_STATUS");
        item.putArray("flags").add("WHATEVER");
        item.put("somethingNew", true);
        assertThat(validate(item)).isEmpty();
    }

    @Test
    void violationsCanBePlacedInsideTheBatch() {
        Violation v = validate(withGeometry("{\"type\":\"Point\",\"coordinates\":[0,95]}")).get(0).under("items[3]");
        assertThat(v.field()).isEqualTo("items[3].geometry.coordinates[1]");
        assertThat(v.toFieldError(Locale.ENGLISH).message()).startsWith("Latitude");
    }

    @Test
    void pushEnvelope() {
        assertThat(ObservationValidator.validatePushEnvelope(json(
                "{\"deviceId\":\"tab-017\",\"sentAt\":\"2026-11-25T10:20:00-07:00\",\"items\":[]}"))).isEmpty();
        assertThat(ObservationValidator.validatePushEnvelope(json("{\"sentAt\":\"ayer\",\"items\":{}}")))
                .extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                        tuple("deviceId", "REQUIRED"), tuple("sentAt", "INVALID_DATETIME"), tuple("items", "INVALID_TYPE"));
        assertThat(ObservationValidator.validatePushEnvelope(json(
                "{\"deviceId\":\"" + "d".repeat(101) + "\",\"sentAt\":\"2026-11-25T10:20:00Z\"}")))
                .extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                        tuple("deviceId", "TOO_LONG"), tuple("items", "REQUIRED"));
    }

    @Test
    void geometriesTheServerCannotComputeOnAreRejected() {
        // The issue's three: a RISK line from 0° to 180°, the whole world, a hemisphere.
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}")))
                .extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                        tuple("geometry.coordinates[1]", "ANTIPODAL_EDGE"), tuple("geometry.coordinates", "LON_SPAN"));
        assertThat(validate(withGeometry(
                "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}")))
                .extracting(Violation::code).contains("LON_SPAN", "ANTIPODAL_EDGE");
        assertThat(validate(withGeometry(
                "{\"type\":\"Polygon\",\"coordinates\":[[[-90,0],[90,0],[90,80],[-90,80],[-90,0]]]}")))
                .extracting(Violation::field, Violation::code).contains(tuple("geometry.coordinates", "LON_SPAN"));
        // An edge across 200° of longitude runs the other way round on the sphere.
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[-100,0],[100,0]]}")))
                .extracting(Violation::code).containsExactly("LON_SPAN");
        // Pole to pole: no longitude span, still no defined edge.
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[0,-90],[0,90]]}")))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("geometry.coordinates[1]", "ANTIPODAL_EDGE"));
        assertThat(validate(withGeometry("{\"type\":\"LineString\",\"coordinates\":[[-89.9,10],[89.9,-10]]}"))).isEmpty();
    }

    @Test
    void valuesThatWouldBeStoredDifferentlyAreRejectedPerField() {
        ObjectNode item = Fixtures.item();
        item.put("capturedAt", "0001-01-01T00:00:00Z");
        ((ObjectNode) item.get("photos").get(0)).put("takenAt", "-999999999-01-01T00:00:00Z");
        item.set("geometry", json("{\"type\":\"Point\",\"coordinates\":[-110.9613,29.07290000000000000001,250]}"));
        item.put("accuracyM", new java.math.BigDecimal("4.50000000000000000001"));
        assertThat(validate(item)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("capturedAt", "DATE_RANGE"),
                tuple("photos[0].takenAt", "DATE_RANGE"),
                tuple("geometry.coordinates[2]", "Z_NOT_SUPPORTED"),
                tuple("geometry.coordinates[1]", "TOO_PRECISE"),
                tuple("accuracyM", "TOO_PRECISE"));
        assertThat(validate(item)).filteredOn(v -> v.code().equals("DATE_RANGE"))
                .allSatisfy(v -> assertThat(v.messageEn()).contains("1900").contains("2100"));
        ObjectNode bounds = Fixtures.item();
        bounds.put("capturedAt", "1900-01-01T00:00:00Z");
        ((ObjectNode) bounds.get("photos").get(0)).put("takenAt", "2100-12-31T23:59:59.999999-00:00");
        assertThat(validate(bounds)).isEmpty();
        ObjectNode envelope = Fixtures.JSON.createObjectNode();
        envelope.put("deviceId", "tab").put("sentAt", "+300000-01-01T00:00:00Z").putArray("items");
        assertThat(ObservationValidator.validatePushEnvelope(envelope)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("sentAt", "DATE_RANGE"));
    }

    @Test
    void aCrsMemberIsAcceptedOnlyForWgs84LonLat() {
        ObjectNode crs84 = withGeometry("{\"type\":\"Point\",\"coordinates\":[-110.96,29.07],"
                + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}}");
        assertThat(validate(crs84)).isEmpty();
        ObjectNode utm = withGeometry("{\"type\":\"Point\",\"coordinates\":[-110.96,29.07],"
                + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32612\"}}}");
        assertThat(validate(utm)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("geometry.crs", "CRS_NOT_SUPPORTED"));
        ObjectNode linked = withGeometry("{\"type\":\"Point\",\"coordinates\":[-110.96,29.07],\"crs\":{\"type\":\"link\"}}");
        assertThat(validate(linked)).extracting(Violation::code).containsExactly("CRS_NOT_SUPPORTED");
    }

    @Test
    void numbersPastWhatTheirFieldHoldsAreNamed() {
        ObjectNode item = Fixtures.item();
        attributes(item).put("peopleExposed", new java.math.BigInteger("123456789012345678901234567890"));
        item.put("baseRev", new java.math.BigInteger("18446744073709551616"));
        attributes(item).put("somethingNew", new java.math.BigDecimal("1e999999999"));
        List<Violation> v = validate(item);
        assertThat(v).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("attributes.peopleExposed", "INTEGER_TOO_LARGE"),
                tuple("baseRev", "INTEGER_TOO_LARGE"),
                tuple("attributes.somethingNew", "NUMBER_TOO_LONG"));
        assertThat(v).allSatisfy(x -> assertThat(x.messageEs().length()).isLessThan(200));
        ObjectNode green = Fixtures.item();
        green.put("kind", "GREEN_AREA");
        green.set("attributes", json("{\"areaType\":\"PARQUE\",\"condition\":\"BUENO\",\"trees\":2147483648}"));
        assertThat(validate(green)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("attributes.trees", "INTEGER_TOO_LARGE"));
        ObjectNode hugeAccuracy = Fixtures.item();
        hugeAccuracy.put("accuracyM", new java.math.BigDecimal("1e999999999"));
        assertThat(validate(hugeAccuracy)).extracting(Violation::field).containsOnly("accuracyM");
    }

    @Test
    void perItemBoundsHoldWhateverTheField() {
        ObjectNode bigValue = Fixtures.item();
        attributes(bigValue).put("comentario", "x".repeat(9 * 1024 * 1024));
        assertThat(validate(bigValue)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("attributes.comentario", "TOO_LONG"), tuple("", "ITEM_TOO_LARGE"));
        ObjectNode manyKeys = Fixtures.item();
        for (int i = 0; i < 10_000; i++) {
            attributes(manyKeys).put("k" + i, i);
        }
        assertThat(validate(manyKeys)).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("attributes", "TOO_MANY_KEYS"));
        ObjectNode deep = Fixtures.item();
        ObjectNode level = attributes(deep).putObject("nested");
        for (int i = 0; i < 500; i++) {
            level = level.putObject("n");
        }
        assertThat(validate(deep)).extracting(Violation::code).containsExactly("TOO_DEEP");
        ObjectNode longKey = Fixtures.item();
        attributes(longKey).put("k".repeat(101), 1);
        assertThat(validate(longKey)).extracting(Violation::code).containsExactly("TOO_LONG");
        ObjectNode atTheLimits = Fixtures.item();
        for (int i = 0; i < Limits.MAX_KEYS - 3; i++) {
            attributes(atTheLimits).put("extra" + i, "y".repeat(Limits.MAX_ATTRIBUTE_TEXT));
        }
        assertThat(validate(atTheLimits)).isEmpty();
    }

    @Test
    void serverStampedFieldsOfAnyTypeAreLeftOutBeforeBinding() throws Exception {
        ObjectNode item = Fixtures.item();
        item.putObject("author").put("name", "mallory");
        item.put("areaM2", "mucho");
        item.put("status", 7);
        item.putArray("flags").add("NOT_A_FLAG").addObject();
        item.put("rev", new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(validate(item)).isEmpty();
        JsonNode bindable = ObservationValidator.withoutServerFields(item);
        Observation o = Fixtures.JSON.treeToValue(bindable, Observation.class);
        assertThat(o.author()).isNull();
        assertThat(o.rev()).isNull();
        assertThat(item.has("author")).as("the item itself is left as sent").isTrue();
    }

    @Provide
    Arbitrary<Geometry> geometries() {
        return GeometryArbitraries.storableGeometry();
    }

    @Property(tries = 200)
    void validGeometriesPass(@ForAll("geometries") Geometry g) {
        Observation o = Fixtures.risk().toBuilder().geometry(g).build();
        assertThat(ObservationValidator.validate(o)).isEmpty();
    }
}
