package mx.implan.brujula.citizen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Photos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The curl commands of README.md and docs/open311.md, run with the real curl binary against the test server. */
@QuarkusTest
class CurlExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    Db db;
    private String base;

    @BeforeEach
    void server() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")), "curl not installed");
        base = "http://localhost:" + RestAssured.port;
    }

    @Test
    void anonymousReportWithIdempotencyKeyAsInTheReadme() throws Exception {
        String key = UUID.randomUUID().toString();
        double[] p = Reports.somewhere();
        List<String> post = List.of("-s", "-D", "-", "-w", "\n%{http_code}", "-X", "POST", base + "/open311/v2/requests.json",
                "-H", "Idempotency-Key: " + key,
                "--data-urlencode", "service_code=URBAN_IMAGE_BACHE",
                "--data-urlencode", "lat=" + p[1], "--data-urlencode", "long=" + p[0],
                "--data-urlencode", "attribute[severity]=4",
                "--data-urlencode", "description=Bache profundo frente a la escuela",
                "--data-urlencode", "address_string=Calle Rosales y Blvd. Hidalgo",
                "--data-urlencode", "email=vecina@example.mx", "--data-urlencode", "device_id=android-" + key);
        String[] first = curl(post);
        assertThat(first[1]).isEqualTo("201");
        JsonNode answer = JSON.readTree(body(first[0]));
        String id = answer.get(0).get("service_request_id").asText();
        // The body names the service_request_id only; the anonymous reporter's token is a header.
        assertThat(answer.get(0).has("token")).isFalse();
        String token = header(first[0], Open311Resource.TRACKING_TOKEN);
        assertThat(token).isNotBlank();
        String[] again = curl(post);
        assertThat(again[1]).isEqualTo("200");
        assertThat(JSON.readTree(body(again[0]))).isEqualTo(answer);
        assertThat(header(again[0], Open311Resource.TRACKING_TOKEN)).isEqualTo(token);

        String[] byToken = curl(List.of("-s", "-w", "\n%{http_code}", base + "/open311/v2/tokens/" + token + ".json"));
        assertThat(JSON.readTree(byToken[0]).get(0).get("service_request_id").asText()).isEqualTo(id);
        String[] xml = curl(List.of("-s", "-w", "\n%{http_code}", base + "/open311/v2/requests/" + id + ".xml"));
        assertThat(xml[1]).isEqualTo("200");
        assertThat(xml[0]).startsWith("<?xml").contains("<service_request_id>" + id + "</service_request_id>")
                .contains("<status>open</status>").doesNotContain("vecina");
        // An address alone is a report too, waiting for staff to place it (it used to be 400).
        String[] addressOnly = curl(List.of("-s", "-w", "\n%{http_code}", "-X", "POST", base + "/open311/v2/requests.xml",
                "--data-urlencode", "service_code=URBAN_IMAGE_BACHE", "--data-urlencode", "address_string=Blvd. Kino 300"));
        assertThat(addressOnly[1]).isEqualTo("201");
        assertThat(addressOnly[0]).contains("<service_request_id>").doesNotContain("<token>");
    }

    @Test
    void anonymousReportWithPhotosAsInTheReadme(@TempDir Path dir) throws Exception {
        Path one = Files.write(dir.resolve("arbol.jpg"), Photos.jpeg(80, 60));
        Path two = Files.write(dir.resolve("arbol-2.jpg"), Photos.png(60, 80));
        double[] p = Reports.somewhere();
        List<String> post = List.of("-s", "-D", "-", "-w", "\n%{http_code}", "-X", "POST", base + "/open311/v2/requests.json",
                "-H", "Idempotency-Key: " + UUID.randomUUID(),
                "-F", "service_code=RISK_ARBOL_EN_RIESGO", "-F", "lat=" + p[1], "-F", "long=" + p[0],
                "-F", "description=Árbol inclinado sobre el cableado",
                "-F", "media=@" + one, "-F", "media=@" + two);
        String[] first = curl(post);
        assertThat(first[1]).isEqualTo("201");
        JsonNode answer = JSON.readTree(body(first[0]));
        String id = answer.get(0).get("service_request_id").asText();
        assertThat(header(first[0], Open311Resource.TRACKING_TOKEN)).isNotBlank();
        String[] again = curl(post);
        assertThat(again[1]).isEqualTo("200");
        assertThat(JSON.readTree(body(again[0]))).isEqualTo(answer);
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?::uuid", id)).isEqualTo("Árbol inclinado sobre el cableado");
        assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id))
                .isEqualTo(Photos.sha256(Files.readAllBytes(one)));
        assertThat(db.string("SELECT photos->1->>'mediaType' FROM observation WHERE id = ?::uuid", id)).isEqualTo("image/png");
    }

    /** The body of a {@code curl -D -} output (headers, blank line, body). */
    private static String body(String output) {
        return output.substring(output.indexOf("\r\n\r\n") + 4);
    }

    /** A response header of a {@code curl -D -} output, or null. */
    private static String header(String output, String name) {
        for (String line : output.substring(0, output.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** {output, status} of one curl run. */
    private static String[] curl(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("curl");
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int nl = out.lastIndexOf('\n');
        return new String[]{out.substring(0, nl), out.substring(nl + 1).trim()};
    }
}
