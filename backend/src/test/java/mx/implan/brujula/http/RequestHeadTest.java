package mx.implan.brujula.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.RawHttp;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What the request head must say: a Host, a readable client version, the type and charset of a body. */
@QuarkusTest
class RequestHeadTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    TestUsers users;

    @Test
    void http10WithoutHostIsAProblemOnEveryApiPathAndServedOnHealth() {
        for (String path : new String[]{"/api/v1/zones", "/api/v1/auth/me", "/no/such/path", "/"}) {
            String answer = RawHttp.exchange(base, "GET " + path + " HTTP/1.0\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.0 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"HOST_REQUIRED\"");
        }
        assertThat(RawHttp.exchange(base, "POST /api/v1/auth/token HTTP/1.0\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}")).startsWith("HTTP/1.0 400").contains("\"code\":\"HOST_REQUIRED\"");
        // Load balancers probe health with bare HTTP/1.0.
        assertThat(RawHttp.exchange(base, "GET /q/health/live HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 200");
    }

    @Test
    void http11WithoutHostIsAProblemToo() {
        String answer = RawHttp.exchange(base, "GET /api/v1/zones HTTP/1.1\r\nAccept-Language: en\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"HOST_REQUIRED\"").contains("The request has no Host header");
    }

    @Test
    void withoutHostAnOpen311PathAnswersInTheGeoReportFormat() {
        String answer = RawHttp.exchange(base, "GET /open311/v2/services.xml HTTP/1.0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.0 400").containsIgnoringCase("content-type: text/xml")
                .contains("<errors><error><code>400</code><description>La solicitud no tiene encabezado Host</description></error></errors>");
    }

    @Test
    void anUnreadableClientVersionIs426AndAReadableOneIsServed() {
        String bearer = users.bearer("insp-version", Roles.INSPECTOR);
        for (String header : new String[]{"mobile-app/abc", "mobile-app", "mobile-app/1.x.0", "mobile app 1.0"}) {
            given().header("Authorization", bearer).header("X-Brujula-Client", header).header("Accept-Language", "en")
                    .get("/api/v1/zones?limit=1").then().statusCode(426).contentType("application/problem+json")
                    .body("code", equalTo("CLIENT_VERSION_UNREADABLE")).body("minClientVersion", equalTo("1.0.0"));
        }
        given().header("Authorization", bearer).header("X-Brujula-Client", "mobile-app/1.0.0")
                .get("/api/v1/zones?limit=1").then().statusCode(200);
        given().header("Authorization", bearer).get("/api/v1/zones?limit=1").then().statusCode(200);
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        String answer = RawHttp.exchange(base, "POST /api/v1/auth/refresh HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Length: 20\r\n\r\n{\"refreshToken\":\"a\"}");
        assertThat(answer).startsWith("HTTP/1.1 415").contains("\"code\":\"CONTENT_TYPE_REQUIRED\"");
    }

    @Test
    void jsonInACharsetOtherThanUtf8Is415AndUtf8SpelledAnyWayIsRead() {
        given().contentType("application/json; charset=ISO-8859-1").body("{\"refreshToken\":\"a\"}".getBytes())
                .post("/api/v1/auth/refresh").then().statusCode(415).body("code", equalTo("UNSUPPORTED_CHARSET"));
        given().contentType("application/json; charset=UTF-16").body("{\"refreshToken\":\"a\"}".getBytes())
                .post("/api/v1/auth/refresh").then().statusCode(415).body("code", equalTo("UNSUPPORTED_CHARSET"));
        for (String charset : new String[]{"utf-8", "UTF-8", "utf8"}) {
            given().contentType("application/json; charset=" + charset).body("{\"refreshToken\":\"a\"}".getBytes())
                    .post("/api/v1/auth/refresh").then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        }
    }
}
