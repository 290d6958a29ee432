package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every bad POST requests input → 400 in the spec's error format (JSON and XML), and nothing written. */
@QuarkusTest
class Open311BadInputTest {

    @Inject
    Db db;

    static Stream<Arguments> badInputs() {
        String hex = "ab".repeat(32);
        return Stream.of(
                Arguments.of("missing service_code", (Consumer<Map<String, String>>) f -> f.remove("service_code"), "service_code"),
                Arguments.of("unknown service_code", (Consumer<Map<String, String>>) f -> f.put("service_code", "RISK_VOLCAN"), "service_code"),
                Arguments.of("latitude out of range", (Consumer<Map<String, String>>) f -> f.put("lat", "95"), "lat"),
                Arguments.of("longitude out of range", (Consumer<Map<String, String>>) f -> f.put("long", "-190.5"), "long"),
                Arguments.of("latitude not a number", (Consumer<Map<String, String>>) f -> f.put("lat", "norte"), "lat"),
                Arguments.of("latitude NaN", (Consumer<Map<String, String>>) f -> f.put("lat", "NaN"), "lat"),
                Arguments.of("4,001-char description", (Consumer<Map<String, String>>) f -> f.put("description", "x".repeat(4001)), "4000"),
                Arguments.of("foreign media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://evil.example/" + hex + ".jpg"), "media_url"),
                Arguments.of("internal address media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://169.254.169.254/api/v1/attachments/" + hex), "media_url"),
                Arguments.of("own attachment with a short hash", (Consumer<Map<String, String>>) f -> f.put("media_url", "/api/v1/attachments/abc123"), "media_url"),
                Arguments.of("own host, other path", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://localhost:8080/open311/v2/discovery.json"), "media_url"),
                Arguments.of("address only", (Consumer<Map<String, String>>) f -> {
                    f.remove("lat");
                    f.remove("long");
                    f.put("address_string", "Blvd. Kino 300, Hermosillo");
                }, "location required"),
                Arguments.of("no location at all", (Consumer<Map<String, String>>) f -> {
                    f.remove("lat");
                    f.remove("long");
                }, "location required"),
                Arguments.of("severity out of range", (Consumer<Map<String, String>>) f -> f.put("attribute[severity]", "9"), "severity"),
                Arguments.of("observation_id not a UUID", (Consumer<Map<String, String>>) f -> f.put("attribute[observation_id]", "123"), "observation_id"),
                Arguments.of("NUL in address_string", (Consumer<Map<String, String>>) f -> f.put("address_string", "Calle\u0000 1"), "NUL"),
                Arguments.of("NUL in first_name", (Consumer<Map<String, String>>) f -> f.put("first_name", "A\u0000"), "NUL"),
                Arguments.of("bad email", (Consumer<Map<String, String>>) f -> f.put("email", "no-es-correo"), "email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectedWithTheSpecErrorFormatAndNothingWritten(String name, Consumer<Map<String, String>> breakIt, String mentioned) {
        long before = db.writes() + db.count("SELECT count(*) FROM citizen_report");
        Map<String, String> form = Reports.form("RISK_INUNDACION", Reports.somewhere());
        breakIt.accept(form);
        Reports.post(form).header("Accept-Language", "en").post("/open311/v2/requests.json").then()
                .statusCode(400)
                .contentType(containsString("application/json"))
                .body("size()", equalTo(1))
                .body("[0].code", equalTo(400))
                .body("[0].description", containsString(mentioned));
        Reports.post(form).post("/open311/v2/requests.xml").then()
                .statusCode(400)
                .contentType(containsString("text/xml"))
                .body("errors.error.code", equalTo("400"))
                .body("errors.error.description", notNullValue());
        assertThat(db.writes() + db.count("SELECT count(*) FROM citizen_report")).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void ownAttachmentUrlsAreAcceptedAsPhotoReferences() {
        String hex = "0123456789abcdef".repeat(4);
        for (String url : new String[]{"/api/v1/attachments/" + hex, "http://localhost:8080/api/v1/attachments/" + hex}) {
            Map<String, String> form = Reports.form("URBAN_IMAGE_BANQUETA", Reports.somewhere());
            form.put("media_url", url);
            String id = Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201)
                    .extract().path("[0].service_request_id");
            assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(hex);
        }
    }

    @org.junit.jupiter.api.Test
    void jsonBodyIsUnsupportedInTheSpecFormat() {
        given().contentType("application/json").body("{\"service_code\": \"RISK_FUGA\"}")
                .post("/open311/v2/requests.json").then().statusCode(415).body("[0].code", equalTo(415));
    }

    @org.junit.jupiter.api.Test
    void invalidTokenIs401InTheSpecFormatNotAnonymous() {
        Reports.post(Reports.form("RISK_FUGA", Reports.somewhere())).header("Authorization", "Bearer nope")
                .post("/open311/v2/requests.json").then().statusCode(401).body("[0].code", equalTo(401));
    }
}
