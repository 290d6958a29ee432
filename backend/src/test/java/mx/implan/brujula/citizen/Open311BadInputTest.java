package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.RawHttp;
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
                Arguments.of("latitude out of range", (Consumer<Map<String, String>>) f -> f.put("lat", "95"), "lat"),
                Arguments.of("longitude out of range", (Consumer<Map<String, String>>) f -> f.put("long", "-190.5"), "long"),
                Arguments.of("latitude not a number", (Consumer<Map<String, String>>) f -> f.put("lat", "norte"), "lat"),
                Arguments.of("latitude NaN", (Consumer<Map<String, String>>) f -> f.put("lat", "NaN"), "lat"),
                Arguments.of("latitude as a hex float (0x1p3 = 8.0)", (Consumer<Map<String, String>>) f -> f.put("lat", "0x1p3"), "lat"),
                Arguments.of("latitude with an exponent", (Consumer<Map<String, String>>) f -> f.put("lat", "2.9e1"), "lat"),
                Arguments.of("latitude with a plus sign", (Consumer<Map<String, String>>) f -> f.put("lat", "+29.1"), "lat"),
                Arguments.of("latitude Infinity", (Consumer<Map<String, String>>) f -> f.put("lat", "Infinity"), "lat"),
                Arguments.of("longitude with a Java suffix", (Consumer<Map<String, String>>) f -> f.put("long", "-110.9d"), "long"),
                Arguments.of("lat without long", (Consumer<Map<String, String>>) f -> f.remove("long"), "lat and long"),
                Arguments.of("4,001-char description", (Consumer<Map<String, String>>) f -> f.put("description", "x".repeat(4001)), "4000"),
                Arguments.of("internal address media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://169.254.169.254/api/v1/attachments/" + hex), "media_url"),
                Arguments.of("private network media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://10.1.2.3/foto.jpg"), "media_url"),
                Arguments.of("loopback written as 127.1", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://127.1/foto.jpg"), "media_url"),
                Arguments.of("localhost media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "https://localhost:9000/brujula-photos/x"), "media_url"),
                Arguments.of("media_url with credentials", (Consumer<Map<String, String>>) f -> f.put("media_url", "https://user:pw@fixmystreet.example/p/1.jpeg"), "media_url"),
                Arguments.of("javascript media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "javascript:alert(1)"), "media_url"),
                Arguments.of("file media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "file:///etc/passwd"), "media_url"),
                Arguments.of("ftp media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "ftp://fixmystreet.example/p/1.jpeg"), "media_url"),
                Arguments.of("2,049-char media_url", (Consumer<Map<String, String>>) f -> f.put("media_url", "https://fixmystreet.example/" + "a".repeat(2030)), "2048"),
                Arguments.of("own attachment with a short hash", (Consumer<Map<String, String>>) f -> f.put("media_url", "/api/v1/attachments/abc123"), "media_url"),
                Arguments.of("own host, other path", (Consumer<Map<String, String>>) f -> f.put("media_url", "http://localhost:8080/open311/v2/discovery.json"), "media_url"),
                Arguments.of("no location at all", (Consumer<Map<String, String>>) f -> {
                    f.remove("lat");
                    f.remove("long");
                }, "location required"),
                Arguments.of("severity out of range", (Consumer<Map<String, String>>) f -> f.put("attribute[severity]", "9"), "severity"),
                Arguments.of("severity not one of the listed keys", (Consumer<Map<String, String>>) f -> f.put("attribute[severity]", "4.0"), "severity"),
                Arguments.of("observation_id not a UUID", (Consumer<Map<String, String>>) f -> f.put("attribute[observation_id]", "123"), "observation_id"),
                Arguments.of("observation_id in a non-canonical UUID form", (Consumer<Map<String, String>>) f -> f.put("attribute[observation_id]", "1-2-3-4-5"), "observation_id"),
                Arguments.of("address_id over 200 characters", (Consumer<Map<String, String>>) f -> f.put("address_id", "9".repeat(201)), "address_id"),
                Arguments.of("NUL in address_string", (Consumer<Map<String, String>>) f -> f.put("address_string", "Calle\u0000 1"), "NUL"),
                Arguments.of("NUL in first_name", (Consumer<Map<String, String>>) f -> f.put("first_name", "A\u0000"), "NUL"),
                Arguments.of("bad email", (Consumer<Map<String, String>>) f -> f.put("email", "no-es-correo"), "email"),
                Arguments.of("201 fields", (Consumer<Map<String, String>>) f -> {
                    for (int i = 0; f.size() <= 200; i++) {
                        f.put("attribute[extra" + i + "]", "v");
                    }
                }, "200"));
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
    void aFieldSentTwiceIsRefusedRatherThanGuessed() {
        long before = db.writes();
        double[] p = Reports.somewhere();
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").header("Accept-Language", "en")
                .body("service_code=RISK_FUGA&service_code=URBAN_IMAGE_BACHE&lat=" + p[1] + "&long=" + p[0])
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", containsString("service_code was sent more than once"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").header("Accept-Language", "en")
                .body("service_code=RISK_FUGA&lat=29.1&lat=" + p[1] + "&long=" + p[0])
                .post("/open311/v2/requests.xml").then().statusCode(400)
                .body("errors.error.description", containsString("lat was sent more than once"));
        assertThat(db.writes()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aFormInAnotherCharsetOrWithBytesThatAreNotUtf8Is400() throws Exception {
        long before = db.writes();
        RawHttp.Answer unknown = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.json",
                java.util.Map.of("Content-Type", "application/x-www-form-urlencoded; charset=x-unknown"),
                "service_code=RISK_FUGA&lat=29.1&long=-110.9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).startsWith("[{\"code\":400,");
        RawHttp.Answer latin1Bytes = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.xml",
                java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "service_code=RISK_FUGA&lat=29.1&long=-110.9&description=caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(latin1Bytes.status()).isEqualTo(400);
        assertThat(latin1Bytes.body()).contains("UTF-8");
        given().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1").header("Accept-Language", "en")
                .body("service_code=RISK_FUGA&lat=29.1&long=-110.9&description=caf%E9")
                .post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("UTF-8"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body("service_code=RISK_FUGA&lat=29.1&long=-110.9&description=caf%E9")
                .post("/open311/v2/requests.xml").then().statusCode(400).body("errors.error.description", containsString("UTF-8"));
        assertThat(db.writes()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aFormWithoutContentTypeIs415InTheSpecFormatNotAnEmptyForm() {
        long before = db.writes();
        byte[] form = "service_code=RISK_FUGA&lat=29.1&long=-110.9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Answer json = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.json", java.util.Map.of(), form);
        assertThat(json.status()).as(json.body()).isEqualTo(415);
        assertThat(json.body()).startsWith("[{\"code\":415,");
        RawHttp.Answer xml = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.xml", java.util.Map.of(), form);
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.body()).contains("<errors><error><code>415</code>");
        assertThat(db.writes()).isEqualTo(before);
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
