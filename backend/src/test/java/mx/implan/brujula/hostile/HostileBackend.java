package mx.implan.brujula.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.elytron.security.common.BcryptUtil;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.ScratchBucket;
import mx.implan.brujula.testsupport.BackendJar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged backend the hostile-input suite attacks: one per test JVM, on its own database
 * ({@code <BRUJULA_TEST_DB_NAME>_hostile}, recreated) and bucket ({@code <bucket>-hostile}), with scheduled jobs and
 * the event relay off (nothing writes behind the suite's back: no projection of an earlier request's events, so a
 * database fingerprint before and after a request is exact; a refused request's event would still show as an outbox
 * row) and rate
 * limits raised (a 429 would hide the answer under test). Holds a token per role and real objects for path ids.
 */
final class HostileBackend {

    static final String PASSWORD = "contraseña-hostil-1";
    static final int IDLE_TIMEOUT_SECONDS = 4;
    static final List<String> ROLES = List.of("admin", "supervisor", "inspector", "citizen");

    private static HostileBackend instance;
    private Connection connection;

    final BackendJar jar;
    final Client client;
    final Map<String, String> bearers = new LinkedHashMap<>();
    /** The inspector's observation (rev 1, never edited by the fixtures). */
    String observationId;
    /** An open conflict of the inspector's. */
    String conflictId;
    String workId;
    /** A citizen photo waiting for moderation. */
    String citizenPhoto;
    String serviceRequestId;
    String trackingToken;
    /** An inspector account the admin families act on (never one the suite signs in with). */
    String targetUserId;

    private HostileBackend(BackendJar jar) {
        this.jar = jar;
        this.client = new Client(jar.baseUri());
    }

    static synchronized HostileBackend get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static HostileBackend start() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String database = System.getenv().getOrDefault("BRUJULA_TEST_DB_NAME", "brujula_test") + "_hostile";
        String bucket = System.getenv().getOrDefault("BRUJULA_S3_BUCKET", "brujula-photos-test") + "-hostile";
        ScratchBucket.empty(bucket);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRUJULA_S3_BUCKET", bucket);
        env.put("QUARKUS_SCHEDULER_ENABLED", "false");
        env.put("BRUJULA_EVENTS_RELAY_ENABLED", "false");
        env.put("BRUJULA_LIMITS_LOGIN_MAX", "100000000");
        env.put("BRUJULA_LIMITS_REPORT_MAX", "100000000");
        env.put("BRUJULA_LIMITS_PHOTO_MAX", "100000000");
        env.put("BRUJULA_LIMITS_BACKOFF_AFTER", "100000000");
        env.put("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_SECONDS + "S");
        BackendJar jar = BackendJar.launch(module.resolve("target/quarkus-app/quarkus-run.jar")).database(database)
                .jvmOptions(List.of("-Xmx384m")).workDir(module.resolve("target/hostile-it")).env(env).stagedCopy().start();
        HostileBackend backend = new HostileBackend(jar);
        try {
            backend.fixtures();
        } catch (RuntimeException | Error e) {
            jar.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(jar::close, "stop-hostile-backend"));
        return backend;
    }

    String bearer(String role) {
        return bearers.get(role);
    }

    static String user(String role) {
        return "hostile-" + role;
    }

    private void fixtures() {
        String hash = BcryptUtil.bcryptHash(PASSWORD, 4);
        for (String role : ROLES) {
            jar.insertUser(user(role), role, hash);
        }
        jar.insertUser("hostile-target", "inspector", hash);
        jar.insertUser("hostile-login", "inspector", hash);
        for (String role : ROLES) {
            bearers.put(role, "Bearer " + jar.token(user(role), PASSWORD));
        }
        targetUserId = sql("SELECT id::text FROM app_user WHERE username = 'hostile-target'");

        ObjectNode observation = Items.risk(UUID.randomUUID());
        push("inspector", observation, "CREATED");
        observationId = observation.get("id").asText();

        ObjectNode disputed = Items.risk(UUID.randomUUID(), Items.LON + 0.001, Items.LAT);
        push("inspector", disputed, "CREATED");
        ObjectNode first = Items.edit(disputed, 1);
        first.put("notes", "Primera versión");
        push("inspector", first, "UPDATED");
        ObjectNode second = Items.edit(disputed, 1);
        second.put("notes", "Segunda versión");
        push("inspector", second, "CONFLICT");
        conflictId = sql("SELECT id::text FROM sync_conflict WHERE observation_id = '" + disputed.get("id").asText() + "'");

        Reply work = client.json("POST", "/api/v1/works", bearer("admin"), HostileBodies.work("HOSTIL-BASE").toString());
        require(work, 201);
        workId = read(work).get("id").asText();

        byte[] jpeg = Photos.jpeg(64, 48);
        citizenPhoto = Photos.sha256(jpeg);
        require(client.send("PUT", "/api/v1/attachments/" + citizenPhoto, bearer("citizen"),
                Map.of("Content-Type", "image/jpeg"), jpeg), 201);
        ObjectNode report = Items.risk(UUID.randomUUID(), Items.LON - 0.001, Items.LAT);
        report.putArray("photos").addObject().put("sha256", citizenPhoto).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
        push("citizen", report, "CREATED");

        Reply filed = client.send("POST", "/open311/v2/requests.json", null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form(HostileBodies.report()));
        require(filed, 201);
        serviceRequestId = read(filed).get(0).get("service_request_id").asText();
        trackingToken = filed.headers().firstValue("Brujula-Tracking-Token").orElseThrow();
    }

    /** A fresh refresh token of the sign-in account {@code hostile-login}. */
    String freshRefreshToken() {
        Reply signIn = client.json("POST", "/api/v1/auth/token", null,
                "{\"username\":\"hostile-login\",\"password\":\"" + PASSWORD + "\"}");
        require(signIn, 200);
        return read(signIn).get("refreshToken").asText();
    }

    void push(String role, ObjectNode item, String expected) {
        Reply r = client.json("POST", "/api/v1/sync/push", bearer(role), Items.batch(item));
        require(r, 200);
        String status = read(r).get("results").get(0).get("status").asText();
        if (!expected.equals(status)) {
            throw new IllegalStateException("Fixture push answered " + status + ": " + r.describe());
        }
    }

    static byte[] form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(Reply r) {
        try {
            return Items.JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + r.describe(), e);
        }
    }

    static void require(Reply r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("Fixture request failed, expected " + status + ": " + r.describe());
        }
    }

    /** One connection for the suite's reads (the suite runs its requests one at a time). */
    synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = jar.database();
        }
        return connection;
    }

    String sql(String query) {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
