package mx.implan.brujula.attachments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With a public S3 endpoint configured, reads answer a presigned redirect — after the same access check. */
@QuarkusTest
@TestProfile(PresignedRedirectTest.PublicEndpoint.class)
class PresignedRedirectTest {

    public static class PublicEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String endpoint = System.getenv().getOrDefault("BRUJULA_S3_ENDPOINT", "http://127.0.0.1:9000");
            return Map.of("brujula.attachments.public-endpoint", endpoint);
        }
    }

    @Inject
    TestUsers users;

    @Test
    void readsRedirectToAPresignedUrlThatServesThePhoto() throws Exception {
        String author = users.bearer("insp-photos-presign", Roles.INSPECTOR);
        byte[] jpeg = Photos.jpeg(300, 200);
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", author).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        ObjectNode item = Items.risk(UUID.randomUUID());
        item.putArray("photos").addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
        given().header("Authorization", author).contentType("application/json").body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200);

        HttpClient http = HttpClient.newHttpClient();
        for (String variant : new String[]{"original", "thumb"}) {
            String location = given().redirects().follow(false).header("Authorization", author).queryParam("variant", variant)
                    .get("/api/v1/attachments/" + sha).then().statusCode(307)
                    .header("Location", containsString("X-Amz-Signature=")).extract().header("Location");
            HttpResponse<byte[]> s3 = http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(s3.statusCode()).isEqualTo(200);
            if (variant.equals("original")) {
                assertThat(s3.body()).isEqualTo(jpeg);
            } else {
                assertThat(Photos.decode(s3.body()).getWidth()).isEqualTo(300);
            }
        }
        // The access check still comes first: no redirect for someone who may not read it.
        given().redirects().follow(false).header("Authorization", users.bearer("ciudadana-presign", Roles.CITIZEN))
                .get("/api/v1/attachments/" + sha).then().statusCode(404).body("code", equalTo("ATTACHMENT_NOT_FOUND"));
    }
}
