package mx.implan.brujula.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.implan.brujula.app.api.FakeServer.Answer;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.sync.PullResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncClientPullTest {

    private static final String PULL = "/api/v1/sync/pull";

    private FakeServer server;
    private ClientFixture app;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        app = new ClientFixture(server).signedIn("access", "refresh");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String change(String id, long rev) {
        return "{\"type\":\"observation\",\"op\":\"UPSERT\",\"id\":\"" + id + "\",\"rev\":" + rev
                + ",\"data\":{\"id\":\"" + id + "\",\"kind\":\"RISK\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[-110.96,29.07]},\"rev\":" + rev + ",\"author\":\"ana\",\"status\":\"REPORTED\"}}";
    }

    @Test
    void pullSendsCursorAndLimitAndReadsChanges() throws Exception {
        String id = "0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e6f";
        server.on(PULL, r -> Answer.json(200, "{\"changes\":[" + change(id, 2)
                + ",{\"type\":\"zone\",\"op\":\"REMOVE\",\"id\":\"26030\"}],\"next\":\"MXxh+/=\",\"hasMore\":false}"));

        PullResponse page = app.client.pull("MXxh+/=", 50);

        assertThat(server.requests(PULL).get(0).query()).isEqualTo("limit=50&cursor=MXxh%2B%2F%3D");
        assertThat(server.requests(PULL).get(0).method()).isEqualTo("GET");
        assertThat(page.hasMore()).isFalse();
        assertThat(page.changes()).hasSize(2);
        Change observation = page.changes().get(0);
        assertThat(observation.type()).isEqualTo(ChangeType.OBSERVATION);
        assertThat(observation.op()).isEqualTo(ChangeOp.UPSERT);
        assertThat(observation.rev()).isEqualTo(2L);
        Observation data = WireJson.lenient().treeToValue(observation.data(), Observation.class);
        assertThat(data.author()).isEqualTo("ana");
        assertThat(page.changes().get(1).op()).isEqualTo(ChangeOp.REMOVE);
        assertThat(page.changes().get(1).data()).isNull();
    }

    @Test
    void theFirstPullSendsNoCursor() {
        server.on(PULL, r -> Answer.json(200, "{\"changes\":[],\"next\":\"c0\",\"hasMore\":false}"));
        app.client.pull(null, 200);
        assertThat(server.requests(PULL).get(0).query()).isEqualTo("limit=200");
    }

    @Test
    void pullAllFollowsHasMoreAndReturnsTheLastCursor() {
        Map<String, String> pages = Map.of(
                "start", "{\"changes\":[" + change("00000000-0000-7000-8000-000000000001", 1) + "],\"next\":\"p1\",\"hasMore\":true}",
                "p1", "{\"changes\":[],\"next\":\"p2\",\"hasMore\":true}",
                "p2", "{\"changes\":[" + change("00000000-0000-7000-8000-000000000002", 1) + ","
                        + change("00000000-0000-7000-8000-000000000003", 4) + "],\"next\":\"p3\",\"hasMore\":false}");
        server.on(PULL, r -> {
            String query = r.query();
            String cursor = query.contains("cursor=") ? query.substring(query.indexOf("cursor=") + 7) : "start";
            return Answer.json(200, pages.get(cursor));
        });
        List<Change> seen = new ArrayList<>();

        String cursor = app.client.pullAll(null, 1, seen::add);

        assertThat(cursor).isEqualTo("p3");
        assertThat(seen).extracting(Change::id).containsExactly("00000000-0000-7000-8000-000000000001",
                "00000000-0000-7000-8000-000000000002", "00000000-0000-7000-8000-000000000003");
        assertThat(server.requests(PULL)).extracting(FakeServer.Request::query)
                .containsExactly("limit=1", "limit=1&cursor=p1", "limit=1&cursor=p2");
    }

    @Test
    void pullAllWithNothingNewKeepsTheCursor() {
        server.on(PULL, r -> Answer.json(200, "{\"changes\":[],\"next\":\"same\",\"hasMore\":false}"));
        assertThat(app.client.pullAll("same", c -> { })).isEqualTo("same");
    }

    @Test
    void anExpiredCursorIsItsOwnException() {
        server.on(PULL, r -> Answer.problem(410, "{\"type\":\"https://brujula.implan.mx/problems/cursor-expired\","
                + "\"title\":\"Gone\",\"status\":410,\"detail\":\"El cursor pertenece a otra época de sincronización\","
                + "\"code\":\"CURSOR_EXPIRED\",\"epoch\":\"5f0c\"}"));

        assertThatThrownBy(() -> app.client.pullAll("old", c -> { }))
                .isInstanceOfSatisfying(CursorExpiredException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.code()).isEqualTo("CURSOR_EXPIRED");
                    assertThat(e.member("epoch")).get().extracting(n -> n.asText()).isEqualTo("5f0c");
                });
    }

    @Test
    void aPageThatSaysMoreButDoesNotAdvanceIsRefused() {
        server.on(PULL, r -> Answer.json(200, "{\"changes\":[],\"next\":\"stuck\",\"hasMore\":true}"));
        assertThatThrownBy(() -> app.client.pullAll("stuck", c -> { }))
                .isInstanceOf(UnexpectedResponseException.class);
        assertThat(server.requests(PULL)).hasSize(1);
    }

    @Test
    void aChangeTypeFromANewerServerIsReadAsNull() {
        server.on(PULL, r -> Answer.json(200,
                "{\"changes\":[{\"type\":\"indicator\",\"op\":\"UPSERT\",\"id\":\"x\",\"rev\":1,\"data\":{}}],\"next\":\"n\",\"hasMore\":false}"));
        assertThat(app.client.pull(null, 10).changes()).singleElement()
                .satisfies(c -> assertThat(c.type()).isNull());
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> app.client.pull(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
