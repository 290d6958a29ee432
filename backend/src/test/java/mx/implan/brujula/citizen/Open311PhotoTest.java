package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A {@code media_url} photo is recorded with the media type of the stored upload, not an assumed one. */
@QuarkusTest
class Open311PhotoTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    @Test
    void theObservationRecordsTheStoredPhotosRealMediaType() {
        String citizen = users.bearer("ciudadana-open311-foto", Roles.CITIZEN);
        byte[] png = Photos.png(24, 18);
        String sha = Photos.sha256(png);
        given().header("Authorization", citizen).contentType("image/jpeg").body(png).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        Map<String, String> form = Reports.form("URBAN_IMAGE_BANQUETA", Reports.somewhere());
        form.put("media_url", "/api/v1/attachments/" + sha);
        String id = Reports.post(form).header("Authorization", citizen).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        assertThat(db.string("SELECT photos->0->>'mediaType' FROM observation WHERE id = ?::uuid", id)).isEqualTo("image/png");
        assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(sha);
    }
}
