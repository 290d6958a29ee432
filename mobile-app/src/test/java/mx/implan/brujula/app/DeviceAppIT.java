package mx.implan.brujula.app;

import mx.implan.brujula.app.api.InMemoryTokenStore;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.sync.BackendProcess;
import mx.implan.brujula.app.sync.RunningBackend;
import mx.implan.brujula.app.sync.SyncStatus;
import mx.implan.brujula.app.ui.AppContext;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.app.ui.home.HomeScreen;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app end to end: the screens over {@link DeviceContext#open(Path)} (file journal, encrypted accounts,
 * background sync engine) against the real backend. An inspector signs in on the sign-in screen, captures a risk
 * point with a photo, syncs, and the server has both.
 */
@ExtendWith(RunningBackend.class)
class DeviceAppIT extends FieldAppTest {

    private static final String PASSWORD = "campo-Hermosillo-2026";
    private static BackendProcess backend;

    private final Map<String, String> saved = new HashMap<>();
    private Path storage;
    private AppContext ctx;

    @BeforeAll
    static void start(BackendProcess running) {
        backend = running;
    }

    @Override
    protected AppContext context(Path photoDir) {
        try {
            storage = Files.createTempDirectory("brujula-device-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SampleData.writePhotos(photoDir);
        // First start of the app: it proposes the local backend; the inspector types the real address.
        setProperty("brujula.server", "http://localhost:8080/");
        setProperty("brujula.photos.dir", photoDir.toString());
        setProperty("brujula.gps", "29.0729,-110.9559@6");
        setProperty("brujula.locale", "es-MX");
        ctx = DeviceContext.open(storage);
        return ctx;
    }

    @AfterEach
    void closeContext() {
        ctx.sync().close();
        ((FileJournal) ctx.journal()).close();
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void inspectorSignsInCapturesWithAPhotoAndSyncs() throws Exception {
        String inspector = backend.createUser("inspector", PASSWORD);
        type("#server", backend.baseUri().toString());
        type("#username", inspector);
        type("#password", PASSWORD);
        tap("#sign-in");
        await().atMost(Duration.ofSeconds(20)).until(() -> shell.current() instanceof HomeScreen);
        // The address typed at sign-in is the one the app keeps for its next start.
        assertThat(Files.readString(storage.resolve("server"), StandardCharsets.UTF_8).strip())
                .isEqualTo(backend.baseUri().toString());

        tap("#new-observation");
        tap("#kind-RISK");
        tap("#hazard-HUNDIMIENTO");
        tap("#severity-4");
        tap("#add-photo");
        tap("#save");
        assertThat(shell.current()).isInstanceOf(HomeScreen.class);
        List<JournalEntry> mine = ctx.journal().entries(inspector);
        assertThat(mine).hasSize(1);
        UUID id = mine.get(0).id();
        String sha = mine.get(0).local().photos().get(0).sha256();

        await().atMost(Duration.ofSeconds(20)).until(() -> !lookup("#sync-now").queryButton().isDisabled());
        tap("#sync-now");
        await().atMost(Duration.ofSeconds(60)).until(() -> ctx.journal().find(id).orElseThrow().state()
                == EntryState.SYNCED && ctx.sync().status().phase() == SyncStatus.Phase.IDLE);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lookup("#entries .chip").queryLabeled().getText().equals("sincronizado"));
        assertThat(lookup("#sync-status").queryLabeled().getText()).startsWith("Al día");
        screenshot("device-home-synced");

        // What the server holds, asked through its API as the same inspector.
        SyncClient api = backend.client(new InMemoryTokenStore());
        api.signIn(inspector, PASSWORD);
        assertThat(api.hasPhoto(sha)).isTrue();
        assertThat(api.missingPhotos(List.of(sha))).isEmpty();
        Map<String, Change> seen = new HashMap<>();
        api.pullAll(null, 50, c -> {
            if (c.type() == ChangeType.OBSERVATION) {
                seen.put(c.id(), c);
            }
        });
        assertThat(seen).containsOnlyKeys(id.toString());
        String data = seen.get(id.toString()).data().toString();
        assertThat(data).contains(sha).contains("HUNDIMIENTO");
        // Stored once, complete (the photo arrived: no INCOMPLETE flag).
        try (Connection c = backend.database();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*), bool_or('INCOMPLETE' = ANY (flags)) FROM observation WHERE id = ? AND author = ?")) {
            s.setObject(1, id);
            s.setString(2, inspector);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
                assertThat(r.getBoolean(2)).isFalse();
            }
        }
    }

    @Test
    void theInspectorsZonesArriveAsAnOfflineMapAndAreDrawnOnTheMap() throws Exception {
        List<String> zones = realAgebsNearTheCentre(3);
        String inspector = backend.createUser("inspector", PASSWORD);
        String admin = backend.createUser("admin", PASSWORD);
        assign(admin, inspector, zones);

        type("#server", backend.baseUri().toString());
        type("#username", inspector);
        type("#password", PASSWORD);
        tap("#sign-in");
        await().atMost(Duration.ofSeconds(20)).until(() -> shell.current() instanceof HomeScreen);
        await().atMost(Duration.ofSeconds(20)).until(() -> !lookup("#sync-now").queryButton().isDisabled());
        tap("#sync-now");
        await().atMost(Duration.ofSeconds(60)).until(() -> ctx.journal().offlineMap(inspector).isPresent()
                && ctx.sync().status().phase() == SyncStatus.Phase.IDLE);
        assertThat(ctx.journal().offlineMap(inspector).orElseThrow().zones())
                .extracting(mx.implan.brujula.app.journal.OfflineMap.Zone::id).containsExactlyInAnyOrderElementsOf(zones);

        tap("#open-map");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            com.gluonhq.maps.MapView map = lookup("#map").queryAs(com.gluonhq.maps.MapView.class);
            javafx.geometry.Bounds view = map.localToScene(map.getBoundsInLocal());
            List<String> labels = lookup(".map-label").queryAll().stream()
                    .filter(n -> view.contains(n.localToScene(n.getBoundsInLocal()).getCenterX(), n.localToScene(n.getBoundsInLocal()).getCenterY()))
                    .map(n -> ((javafx.scene.text.Text) n).getText()).toList();
            assertThat(labels).hasSize(zones.size()).allMatch(l -> l.startsWith("AGEB "));
        });
        org.testfx.util.WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        screenshot("device-map-zones");
    }

    /**
     * The real INEGI AGEBs nearest downtown Hermosillo from the demo data, put in this backend's database as the
     * demo loader does; their ids.
     */
    private static List<String> realAgebsNearTheCentre(int n) throws Exception {
        Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .resolveSibling("backend").resolve("src/main/resources/demo/agebs.geojson");
        com.fasterxml.jackson.databind.JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        org.locationtech.jts.geom.Point centre = mx.implan.brujula.model.geojson.GeoJson.factory()
                .createPoint(new org.locationtech.jts.geom.Coordinate(-110.9559, 29.0729));
        List<com.fasterxml.jackson.databind.JsonNode> nearest = new java.util.ArrayList<>();
        all.path("features").forEach(nearest::add);
        nearest.sort(java.util.Comparator.comparingDouble(f -> mx.implan.brujula.model.geojson.GeoJson.read(f.path("geometry")).distance(centre)));
        List<String> ids = new java.util.ArrayList<>();
        try (Connection c = backend.database(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO zone (id, zone_type, name, population, geom)
                VALUES (?, 'AGEB', ?, ?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) ON CONFLICT (id) DO NOTHING""")) {
            for (com.fasterxml.jackson.databind.JsonNode f : nearest.subList(0, n)) {
                String id = f.path("properties").path("CVEGEO").asText();
                s.setString(1, id);
                s.setString(2, "AGEB " + f.path("properties").path("CVE_AGEB").asText());
                s.setInt(3, f.path("properties").path("POBTOT").asInt());
                s.setString(4, f.path("geometry").toString());
                s.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    /** The administrator gives the inspector the zones through the admin API. */
    private static void assign(String admin, String inspector, List<String> zones) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
                        backend.baseUri().resolve("api/v1/auth/token")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + admin + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("accessToken").asText();
        String userId;
        try (Connection c = backend.database(); PreparedStatement s = c.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
            s.setString(1, inspector);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                userId = r.getString(1);
            }
        }
        String body = "{\"zones\":[" + String.join(",", zones.stream().map(z -> "\"" + z + "\"").toList()) + "]}";
        java.net.http.HttpResponse<String> put = http.send(java.net.http.HttpRequest.newBuilder(
                        backend.baseUri().resolve("api/v1/admin/users/" + userId + "/zones"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private void setProperty(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
