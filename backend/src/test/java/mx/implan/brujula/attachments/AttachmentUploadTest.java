package mx.implan.brujula.attachments;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AttachmentUploadTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;
    @Inject
    ObjectStore store;
    @TestHTTPResource("/")
    URL base;

    private String inspector() {
        return users.bearer("insp-photos-up", Roles.INSPECTOR);
    }

    private ValidatableResponse put(String sha, byte[] body, String contentType) {
        return given().header("Authorization", inspector()).contentType(contentType).body(body)
                .put("/api/v1/attachments/" + sha).then();
    }

    private void assertNothingStored(String sha) {
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", sha)).isZero();
        assertThat(store.size(sha)).isEmpty();
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + sha).then().statusCode(404);
    }

    @Test
    void storesAPhotoOnceAndAnswers200OnReupload() {
        byte[] jpeg = Photos.jpeg(64, 48);
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + sha).then().statusCode(404);
        put(sha, jpeg, "image/jpeg").statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/attachments/" + sha))
                .body("sha256", equalTo(sha)).body("mediaType", equalTo("image/jpeg"))
                .body("bytes", equalTo(jpeg.length)).body("width", equalTo(64)).body("height", equalTo(48));
        String createdAt = db.string("SELECT created_at::text FROM attachment WHERE sha256 = ?", sha);
        put(sha, jpeg, "image/jpeg").statusCode(200).body("sha256", equalTo(sha));
        assertThat(db.string("SELECT created_at::text FROM attachment WHERE sha256 = ?", sha)).isEqualTo(createdAt);
        assertThat(store.size(sha)).contains((long) jpeg.length);
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + sha).then().statusCode(200);
    }

    @Test
    void refusesABodyWhoseHashDiffers() {
        byte[] jpeg = Photos.jpeg(32, 32);
        String claimed = Photos.sha256(Photos.jpeg(32, 32));
        put(claimed, jpeg, "image/jpeg").statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("HASH_MISMATCH")).body("actualSha256", equalTo(Photos.sha256(jpeg)));
        assertNothingStored(claimed);
        assertNothingStored(Photos.sha256(jpeg));
    }

    @Test
    void refusesATruncatedJpeg() {
        byte[] jpeg = Photos.jpeg(400, 300);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        String sha = Photos.sha256(cut);
        put(sha, cut, "image/jpeg").statusCode(422).body("code", equalTo("IMAGE_TRUNCATED"));
        assertNothingStored(sha);
    }

    @Test
    void storesAPngSentAsJpegAsPng() {
        byte[] png = Photos.png(20, 10);
        String sha = Photos.sha256(png);
        put(sha, png, "image/jpeg").statusCode(201).body("mediaType", equalTo("image/png"))
                .body("width", equalTo(20)).body("height", equalTo(10));
        assertThat(db.string("SELECT media_type FROM attachment WHERE sha256 = ?", sha)).isEqualTo("image/png");
    }

    /** The smallest lossless WebP: one pixel. */
    private static final byte[] WEBP = {'R', 'I', 'F', 'F', 0x1a, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x0d, 0, 0, 0,
            0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0};

    @Test
    void storesAWebpAndRefusesAShortOne() {
        String sha = Photos.sha256(WEBP);
        put(sha, WEBP, "application/octet-stream").statusCode(201).body("mediaType", equalTo("image/webp"))
                .body("width", equalTo(1)).body("height", equalTo(1));
        byte[] cut = Arrays.copyOf(WEBP, WEBP.length - 6);
        String cutSha = Photos.sha256(cut);
        put(cutSha, cut, "image/webp").statusCode(422)
                .body("code", org.hamcrest.Matchers.anyOf(equalTo("IMAGE_TRUNCATED"), equalTo("IMAGE_UNREADABLE")));
        assertNothingStored(cutSha);
    }

    @Test
    void refusesHtmlSentAsJpeg() {
        byte[] html = "<!doctype html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        String sha = Photos.sha256(html);
        put(sha, html, "image/jpeg").statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_IMAGE_TYPE"));
        assertNothingStored(sha);
    }

    @Test
    void refusesAPixelBomb() {
        byte[] bomb = Photos.pngDeclaring(20_000, 20_000);
        String sha = Photos.sha256(bomb);
        put(sha, bomb, "image/png").statusCode(422).body("code", equalTo("IMAGE_TOO_MANY_PIXELS"))
                .body("maxPixels", equalTo(100_000_000));
        assertNothingStored(sha);
    }

    @Test
    void refusesAnEmptyBody() {
        String sha = Photos.sha256(new byte[0]);
        put(sha, new byte[0], "image/jpeg").statusCode(400).body("code", equalTo("EMPTY_BODY"));
        assertNothingStored(sha);
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        // Content-Length alone decides: nothing is read.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            String sha = "a".repeat(64);
            out.write(("PUT /api/v1/attachments/" + sha + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + inspector()
                    + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + (25L * 1024 * 1024 + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void refusesPathTricksInTheHash() {
        String valid = Photos.sha256(new byte[]{1});
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", valid.toUpperCase(), valid.substring(1), valid + "0",
                "%2E%2E", valid.substring(2) + "..")) {
            given().urlEncodingEnabled(false).header("Authorization", inspector()).contentType("image/jpeg")
                    .body(new byte[]{1, 2, 3}).put("/api/v1/attachments/" + bad)
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)))
                    .contentType("application/problem+json");
        }
        given().header("Authorization", inspector()).contentType("image/jpeg").body(new byte[]{1})
                .put("/api/v1/attachments/" + valid.toUpperCase()).then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("sha256"))
                .body("errors[0].code", equalTo("SHA256_FORMAT"));
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + valid.substring(1)).then().statusCode(400);
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 !~ '^[0-9a-f]{64}$'")).isZero();
    }

    @Test
    void needsASignedInCaller() {
        byte[] jpeg = Photos.jpeg(8, 8);
        given().contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + Photos.sha256(jpeg))
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aCutConnectionLeavesNothingAndAResumedUploadSucceeds() throws Exception {
        byte[] jpeg = Photos.jpeg(900, 700);
        String sha = Photos.sha256(jpeg);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/attachments/" + sha + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + inspector()
                    + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(jpeg, 0, jpeg.length / 2);
            out.flush();
            // The half body has to reach the server before the cut: a pause in what the client does.
            Thread.sleep(300);
        }
        // Nothing appears while the server handles the cut, checked again and again for a while (not once after a pause).
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertNothingStored(sha));
        put(sha, jpeg, "image/jpeg").statusCode(201);
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + sha).then().statusCode(200);
    }

    @Test
    void concurrentUploadsOfTheSameBytesStoreOneCopy() throws Exception {
        byte[] jpeg = Photos.jpeg(800, 600);
        String sha = Photos.sha256(jpeg);
        String bearer = inspector();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tasks.add(() -> given().header("Authorization", bearer).contentType("image/jpeg").body(jpeg)
                        .put("/api/v1/attachments/" + sha).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses).allMatch(s -> s == 200 || s == 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSizeLessThanOrEqualTo(statuses.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", sha)).isEqualTo(1);
        try (InputStream in = store.read(sha, 0, null).orElseThrow().body()) {
            assertThat(Photos.sha256(in.readAllBytes())).isEqualTo(sha);
        }
    }

    @Test
    void missingListsTheHashesNotStoredInTheOrderAsked() {
        byte[] jpeg = Photos.jpeg(16, 16);
        String stored = Photos.sha256(jpeg);
        put(stored, jpeg, "image/jpeg").statusCode(201);
        String a = Photos.sha256(new byte[]{7});
        String b = Photos.sha256(new byte[]{8});
        given().header("Authorization", inspector()).contentType("application/json")
                .body(Map.of("hashes", List.of(b, stored, a, b)))
                .post("/api/v1/attachments/missing").then().statusCode(200).body("missing", contains(b, a));
    }

    @Test
    void missingValidatesItsList() {
        given().header("Authorization", inspector()).contentType("application/json")
                .body(Map.of("hashes", List.of(Photos.sha256(new byte[]{1}), "../x")))
                .post("/api/v1/attachments/missing").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("hashes[1]"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(Photos.sha256(new byte[]{(byte) i, (byte) (i >> 8)}));
        }
        given().header("Authorization", inspector()).contentType("application/json").body(Map.of("hashes", many))
                .post("/api/v1/attachments/missing").then().statusCode(400)
                .body("errors[0].code", equalTo("TOO_MANY_HASHES")).body("maxHashes", equalTo(1000));
        given().header("Authorization", inspector()).contentType("application/json").body(Map.of("other", 1))
                .post("/api/v1/attachments/missing").then().statusCode(400).body("errors[0].field", equalTo("hashes"));
    }

    /** A raw PUT with a chunked body (no Content-Length): the status line. */
    private String putChunked(String sha, byte[] body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/attachments/" + sha + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + inspector()
                    + "\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 5000) {
                int n = Math.min(5000, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCheckedAndStoredToo() throws Exception {
        byte[] jpeg = Photos.jpeg(700, 500);
        String sha = Photos.sha256(jpeg);
        assertThat(putChunked(sha, jpeg)).isEqualTo("HTTP/1.1 201");
        assertThat(store.size(sha)).contains((long) jpeg.length);
        assertThat(db.string("SELECT media_type FROM attachment WHERE sha256 = ?", sha)).isEqualTo("image/jpeg");
        byte[] other = Photos.jpeg(701, 500);
        assertThat(putChunked(Photos.sha256(jpeg).replace('a', 'b').replace('0', '1'), other)).isEqualTo("HTTP/1.1 422");
        byte[] whole = Photos.jpeg(702, 500);
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
        assertThat(putChunked(Photos.sha256(cut), cut)).isEqualTo("HTTP/1.1 422");
        assertNothingStored(Photos.sha256(cut));
    }

    @Test
    void aLargeBodyRefusedAtItsEndLeavesNothingUnderTheHash() {
        // Megabytes go to S3 while the body streams; the refusal comes only with the last bytes.
        byte[] photo = mx.implan.brujula.testing.LargeJpegs.threeMegabytes(7).copy("refused-" + System.nanoTime(), 0);
        String sha = Photos.sha256(photo);
        byte[] altered = photo.clone();
        altered[altered.length - 3] ^= 0x01;
        put(sha, altered, "image/jpeg").statusCode(422).body("code", equalTo("HASH_MISMATCH"));
        assertNothingStored(sha);
        assertNothingStored(Photos.sha256(altered));
        byte[] truncated = Arrays.copyOf(photo, photo.length - 1000);
        put(Photos.sha256(truncated), truncated, "image/jpeg").statusCode(422).body("code", equalTo("IMAGE_TRUNCATED"));
        assertNothingStored(Photos.sha256(truncated));
        put(sha, photo, "image/jpeg").statusCode(201).body("bytes", equalTo(photo.length));
        try (InputStream in = store.read(sha, 0, null).orElseThrow().body()) {
            assertThat(Photos.sha256(in.readAllBytes())).isEqualTo(sha);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
