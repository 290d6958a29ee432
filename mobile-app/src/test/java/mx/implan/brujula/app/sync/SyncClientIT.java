package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mx.implan.brujula.app.api.AuthTokens;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.InMemoryTokenStore;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.PushRequest;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Push and pull through {@link SyncClient} against the real backend and database. */
@ExtendWith(RunningBackend.class)
class SyncClientIT {

    private static final String PASSWORD = "campo-Hermosillo-2026";
    private static final String DEVICE = "tab-017";

    private static String inspector;
    private static String otherInspector;
    private static BackendProcess backend;

    @BeforeAll
    static void users(BackendProcess running) {
        backend = running;
        inspector = backend.createUser("inspector", PASSWORD);
        otherInspector = backend.createUser("inspector", PASSWORD);
    }

    private static SyncClient signedIn(String username) {
        SyncClient client = backend.client(new InMemoryTokenStore());
        client.signIn(username, PASSWORD);
        return client;
    }

    @Test
    void aNewRiskIsCreatedAndItsReplayIsUnchanged() {
        SyncClient app = signedIn(inspector);
        Observation risk = Observations.risk(DEVICE);

        PushResult created = app.push(DEVICE, List.of(risk)).get(0);
        assertThat(created.status()).isEqualTo(PushStatus.CREATED);
        assertThat(created.rev()).isEqualTo(1L);
        assertThat(created.id()).isEqualTo(risk.id());
        assertThat(created.opId()).isEqualTo(risk.opId());

        // The response was "lost": the journal sends the same write (same opId) again.
        PushResult replay = app.push(DEVICE, List.of(risk)).get(0);
        assertThat(replay.status()).isEqualTo(PushStatus.UNCHANGED);
        assertThat(replay.rev()).isEqualTo(1L);
        assertThat(replay.opId()).isEqualTo(risk.opId());
    }

    @Test
    void aBatchOverTheServerLimitIsHalvedAndComesBackInOrder() throws Exception {
        SyncClient app = signedIn(inspector);
        List<Observation> items = IntStream.range(0, 12).mapToObj(i -> Observations.risk(DEVICE)).toList();

        // The server really refuses 12 at once…
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient probe = backend.client(tokens);
        probe.signIn(inspector, PASSWORD);
        byte[] body = WireJson.strict().writeValueAsBytes(new PushRequest(DEVICE, OffsetDateTime.now(), items));
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        backend.baseUri().resolve("api/v1/sync/push"))
                .header("Authorization", "Bearer " + tokens.get().orElseThrow().accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(413);
        assertThat(WireJson.lenient().readTree(direct.body()).get("maxItems").asInt()).isEqualTo(BackendProcess.MAX_ITEMS);

        // …and the client gets all 12 in by halving.
        List<PushResult> results = app.push(DEVICE, items);

        assertThat(results).extracting(PushResult::id).containsExactlyElementsOf(items.stream().map(Observation::id).toList());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PushStatus.CREATED);
            assertThat(r.rev()).isEqualTo(1L);
        });
    }

    @Test
    void anEditOnTheLatestRevisionIsUpdatedAndPullShowsTheLatestRev() {
        SyncClient app = signedIn(inspector);
        Observation risk = Observations.risk(DEVICE);
        Observation untouched = Observations.risk(DEVICE);
        assertThat(app.push(DEVICE, List.of(risk, untouched))).extracting(PushResult::status)
                .containsExactly(PushStatus.CREATED, PushStatus.CREATED);

        PushResult edited = app.push(DEVICE, List.of(Observations.edit(risk, 1, "Socavón creció; cinta puesta"))).get(0);
        assertThat(edited.status()).isEqualTo(PushStatus.UPDATED);
        assertThat(edited.rev()).isEqualTo(2L);

        Map<String, Change> seen = ITSupport.pullObservationsUntil(app, s ->
                s.containsKey(untouched.id().toString()) && s.containsKey(risk.id().toString())
                        && s.get(risk.id().toString()).rev() == 2L);
        Change latest = seen.get(risk.id().toString());
        assertThat(latest).isNotNull();
        assertThat(latest.op()).isEqualTo(ChangeOp.UPSERT);
        assertThat(latest.rev()).isEqualTo(2L);
        assertThat(latest.data().get("notes").asText()).isEqualTo("Socavón creció; cinta puesta");
        assertThat(latest.data().get("author").asText()).isEqualTo(inspector);
        assertThat(seen.get(untouched.id().toString()).rev()).isEqualTo(1L);
    }

    @Test
    void anotherInspectorCanNeitherEditNorSeeSomeoneElsesObservation() {
        SyncClient ana = signedIn(inspector);
        SyncClient beto = signedIn(otherInspector);
        Observation anas = Observations.risk("tab-001");
        assertThat(ana.push("tab-001", List.of(anas)).get(0).status()).isEqualTo(PushStatus.CREATED);

        PushResult attempt = beto.push("tab-002", List.of(Observations.edit(anas, 1, "No es mío"))).get(0);
        assertThat(attempt.status()).isEqualTo(PushStatus.REJECTED);
        assertThat(attempt.server()).isNull();
        assertThat(attempt.errors()).extracting(e -> e.code()).contains("NOT_AUTHOR");

        // Beto's pull is complete once it shows his own newer item; Ana's must not be in it.
        Observation betos = Observations.risk("tab-002");
        assertThat(beto.push("tab-002", List.of(betos)).get(0).status()).isEqualTo(PushStatus.CREATED);
        Map<String, Change> seen = ITSupport.pullObservationsUntil(beto, s -> s.containsKey(betos.id().toString()));
        assertThat(seen).containsKey(betos.id().toString());
        assertThat(seen).doesNotContainKey(anas.id().toString());
        assertThat(seen.values()).allSatisfy(c -> assertThat(c.data().get("author").asText()).isEqualTo(otherInspector));
    }

    @Test
    void aSessionThatCannotBeRenewedLosesNothing() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient app = backend.client(tokens);
        app.signIn(inspector, PASSWORD);
        Observation pending = Observations.risk(DEVICE);
        // Both tokens dead (e.g. weeks offline): the push cannot be authorised.
        tokens.put(new AuthTokens("dead.access.token", "dead-refresh-token", null));

        assertThatThrownBy(() -> app.push(DEVICE, List.of(pending))).isInstanceOf(AuthenticationRequiredException.class);
        assertThat(app.isSignedIn()).isFalse();

        // The journal still holds the write; after signing in it goes through as if nothing happened.
        app.signIn(inspector, PASSWORD);
        PushResult result = app.push(DEVICE, List.of(pending)).get(0);
        assertThat(result.status()).isEqualTo(PushStatus.CREATED);
        assertThat(result.rev()).isEqualTo(1L);
    }

    @Test
    void anInvalidItemIsRejectedWithItsFieldWhileTheRestGoesIn() {
        SyncClient app = signedIn(inspector);
        Observation badLatitude = Observations.risk(DEVICE, -110.9613, 95);
        Observation fine = Observations.risk(DEVICE);

        List<PushResult> results = app.push(DEVICE, new ArrayList<>(List.of(badLatitude, fine)));

        assertThat(results.get(0).status()).isEqualTo(PushStatus.REJECTED);
        assertThat(results.get(0).id()).isEqualTo(badLatitude.id());
        assertThat(results.get(0).errors()).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("geometry.coordinates[1]");
            assertThat(e.code()).isEqualTo("LAT_RANGE");
            assertThat(e.message()).isNotBlank();
        });
        assertThat(results.get(1).status()).isEqualTo(PushStatus.CREATED);
    }
}
