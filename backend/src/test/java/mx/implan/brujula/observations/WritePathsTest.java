package mx.implan.brujula.observations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.sync.WriteFaults;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every path that changes an observation writes, per change, exactly one revision, one change-log row
 * and one outbox event, with the same revision number, in the same transaction — and a path that
 * changes nothing (a replay, a conflict, the same status again) writes none. Each test drives one
 * path through HTTP and reads the three tables by aggregate id, before and after.
 */
@QuarkusTest
class WritePathsTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;
    @Inject
    IncompleteFlags incomplete;

    private String inspector() {
        return users.bearer("insp-write-paths", Roles.INSPECTOR);
    }

    private String supervisor() {
        return users.bearer("sup-write-paths", Roles.SUPERVISOR);
    }

    @Test
    void aPushOfNewObservationsWritesOneOfEachPerObservationInItsBatch() {
        ObjectNode a = Items.risk(UUID.randomUUID());
        ObjectNode b = Items.risk(UUID.randomUUID());
        ObjectNode c = Items.urbanImage(UUID.randomUUID(), Items.LON, Items.LAT, "BACHE");
        push(inspector(), a, b, c).body("results.status", equalTo(List.of("CREATED", "CREATED", "CREATED")));
        for (ObjectNode item : List.of(a, b, c)) {
            assertTrail(id(item), "CREATE");
        }
        // The same push again is a replay: nothing new.
        push(inspector(), a, b, c).body("results.status", equalTo(List.of("UNCHANGED", "UNCHANGED", "UNCHANGED")));
        for (ObjectNode item : List.of(a, b, c)) {
            assertTrail(id(item), "CREATE");
        }
    }

    @Test
    void aPushOfOneNewObservationTakesThePerItemPathAndWritesOneOfEach() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), item).body("results[0].status", equalTo("CREATED"));
        assertTrail(id(item), "CREATE");
    }

    @Test
    void whenTheBatchFailsEachItemIsWrittenAloneAndTheFailedOneLeavesNoEvent() {
        ObjectNode ok1 = Items.risk(UUID.randomUUID());
        ObjectNode broken = Items.risk(UUID.randomUUID());
        ObjectNode ok2 = Items.risk(UUID.randomUUID());
        UUID brokenId = id(broken);
        QuarkusMock.installMockForType(new WriteFaults() {
            @Override
            public void beforeWrite(Observation item) {
                if (item.id().equals(brokenId)) {
                    throw new IllegalStateException("injected fault");
                }
            }
        }, WriteFaults.class);
        push(inspector(), ok1, broken, ok2).body("results.status", equalTo(List.of("CREATED", "FAILED", "CREATED")));
        assertTrail(id(ok1), "CREATE");
        assertTrail(id(ok2), "CREATE");
        assertTrail(brokenId);
    }

    @Test
    void aPushedEditAndAMergeWriteOneOfEachAndAConflictNone() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), item);
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Editada");
        push(inspector(), edit).body("results[0].status", equalTo("UPDATED"));
        assertTrail(id(item), "CREATE", "EDIT");
        // Stale (base 1) but another field: merged.
        ObjectNode merge = Items.edit(item, 1);
        merge.put("accuracyM", 2.0);
        push(inspector(), merge).body("results[0].status", equalTo("UPDATED"));
        assertTrail(id(item), "CREATE", "EDIT", "MERGE");
        // Stale and the same field: a conflict changes nothing.
        ObjectNode clash = Items.edit(item, 1);
        clash.put("notes", "Otra");
        push(inspector(), clash).body("results[0].status", equalTo("CONFLICT"));
        assertTrail(id(item), "CREATE", "EDIT", "MERGE");
        // Resolving it with the device's value is one change.
        String conflict = db.string("SELECT id::text FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id(item));
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body("{\"resolution\":\"TAKE_MINE\"}")
                .post("/api/v1/conflicts/" + conflict + "/resolution").then().statusCode(200).body("notes", equalTo("Otra"));
        assertTrail(id(item), "CREATE", "EDIT", "MERGE", "RESOLUTION");
    }

    @Test
    void keepingTheServerCopyOfAConflictChangesNothing() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), item);
        ObjectNode a = Items.edit(item, 1);
        a.put("notes", "A");
        push(inspector(), a);
        ObjectNode b = Items.edit(item, 1);
        b.put("notes", "B");
        push(inspector(), b).body("results[0].status", equalTo("CONFLICT"));
        ObjectNode takeServer = Items.edit(item, 2);
        takeServer.put("resolution", "TAKE_SERVER");
        push(inspector(), takeServer).body("results[0].status", equalTo("UNCHANGED"));
        assertTrail(id(item), "CREATE", "EDIT");
    }

    @Test
    void postingAnObservationCreatesAndEditsLikeAPushItem() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        post(inspector(), item).statusCode(201);
        assertTrail(id(item), "CREATE");
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Desde el formulario");
        post(inspector(), edit).statusCode(200);
        assertTrail(id(item), "CREATE", "EDIT");
    }

    @Test
    void aCitizenPostingAnObservationWritesOneOfEach() {
        ObjectNode item = Items.urbanImage(UUID.randomUUID(), Items.LON, Items.LAT, "BACHE");
        post(users.bearer("ciudadana.write-paths", Roles.CITIZEN), item).statusCode(201);
        assertTrail(id(item), "CREATE");
    }

    @Test
    void aStatusChangeWritesOneOfEachAndTheSameStatusAgainNone() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), item);
        patchStatus(id(item), "VERIFIED");
        assertTrail(id(item), "CREATE", "STATUS");
        patchStatus(id(item), "VERIFIED");
        assertTrail(id(item), "CREATE", "STATUS");
        assertThat(events(id(item))).containsExactly("observation.created", "observation.status-changed");
    }

    @Test
    void theLastMissingPhotoArrivingClearsIncompleteWithOneOfEach() {
        byte[] photo = uniqueJpeg();
        String sha = Photos.sha256(photo);
        ObjectNode item = withPhoto(Items.risk(UUID.randomUUID()), sha);
        push(inspector(), item).body("results[0].flags", hasItem("INCOMPLETE"));
        assertTrail(id(item), "CREATE");
        given().header("Authorization", inspector()).contentType("image/jpeg").body(photo)
                .put("/api/v1/attachments/" + sha).then().statusCode(201);
        assertTrail(id(item), "CREATE", "PHOTOS");
        // Nothing left for the sweeper to do on this one.
        incomplete.sweep();
        assertTrail(id(item), "CREATE", "PHOTOS");
    }

    @Test
    void theSweeperClearingIncompleteWritesOneOfEach() {
        byte[] photo = uniqueJpeg();
        String sha = Photos.sha256(photo);
        ObjectNode item = withPhoto(Items.risk(UUID.randomUUID()), sha);
        push(inspector(), item).body("results[0].flags", hasItem("INCOMPLETE"));
        // The race the sweeper is for: the photo row appears without the upload path seeing the observation.
        db.update("INSERT INTO attachment (sha256, media_type, bytes, width, height, created_by) VALUES (?, 'image/jpeg', ?, 16, 16, 'test')",
                sha, (long) photo.length);
        assertThat(incomplete.sweep()).isGreaterThanOrEqualTo(1);
        assertTrail(id(item), "CREATE", "PHOTOS");
    }

    @Test
    void anOpen311ReportWritesOneOfEachAndItsDuplicateFlagOneMore() {
        double[] p = somewhere();
        UUID first = open311(form("URBAN_IMAGE_BACHE", p));
        assertTrail(first, "CREATE");
        UUID second = open311(form("URBAN_IMAGE_BACHE", new double[]{p[0], p[1] + 20 / 111_320.0}));
        assertTrail(second, "CREATE", "FLAGS");
        assertTrail(first, "CREATE");
    }

    @Test
    void anAddressOnlyReportIsFlaggedAndPlacingItIsOneChangeMore() {
        double[] p = somewhere();
        UUID open = open311(form("RISK_GRIETA", p));
        Map<String, String> addressOnly = form("RISK_GRIETA", p);
        addressOnly.remove("lat");
        addressOnly.remove("long");
        addressOnly.put("address_string", "Calle Rosales 12, Hermosillo");
        UUID id = open311(addressOnly);
        assertTrail(id, "CREATE", "FLAGS");
        // Placed 10 m from an open report of the same service: located (EDIT), then linked (FLAGS).
        given().header("Authorization", supervisor()).contentType(ContentType.JSON)
                .body(Map.of("lat", p[1] + 10 / 111_320.0, "long", p[0]))
                .put("/api/v1/citizen-reports/" + id + "/location").then().statusCode(200)
                .body("needsLocation", equalTo(false)).body("duplicateOf", equalTo(open.toString()));
        assertTrail(id, "CREATE", "FLAGS", "EDIT", "FLAGS");
        assertTrail(open, "CREATE");
    }

    /**
     * The observation's revisions are exactly {@code changes}, in order, numbered 1..n, and the change
     * log and the outbox hold exactly one row each per revision, with the same numbers and the event
     * type of its change; the row's own rev is n.
     */
    private void assertTrail(UUID id, String... changes) {
        List<Long> expected = LongStream.rangeClosed(1, changes.length).boxed().toList();
        assertThat(longs("SELECT rev FROM observation_revision WHERE observation_id = ? ORDER BY rev", id))
                .as("revisions of %s", id).isEqualTo(expected);
        assertThat(db.column("SELECT change FROM observation_revision WHERE observation_id = ? ORDER BY rev", id))
                .as("changes of %s", id).containsExactly((Object[]) changes);
        assertThat(longs("SELECT rev FROM change_log WHERE entity_type = 'observation' AND entity_id = ? ORDER BY seq", id.toString()))
                .as("change-log rows of %s", id).isEqualTo(expected);
        assertThat(longs("SELECT (payload ->> 'rev')::bigint FROM outbox WHERE aggregate_type = 'observation' AND aggregate_id = ? ORDER BY id",
                id.toString())).as("outbox events of %s", id).isEqualTo(expected);
        List<String> eventTypes = new ArrayList<>();
        for (String change : changes) {
            eventTypes.add(switch (change) {
                case "CREATE" -> "observation.created";
                case "STATUS" -> "observation.status-changed";
                default -> "observation.updated";
            });
        }
        assertThat(events(id)).as("event types of %s", id).isEqualTo(eventTypes);
        List<Long> rev = longs("SELECT rev FROM observation WHERE id = ?", id);
        assertThat(rev).as("rev of %s", id).isEqualTo(changes.length == 0 ? List.of() : List.of((long) changes.length));
    }

    private List<String> events(UUID id) {
        return db.column("SELECT event_type FROM outbox WHERE aggregate_type = 'observation' AND aggregate_id = ? ORDER BY id",
                id.toString()).stream().map(String::valueOf).toList();
    }

    private List<Long> longs(String sql, Object arg) {
        return db.column(sql, arg).stream().map(v -> ((Number) v).longValue()).toList();
    }

    private io.restassured.response.ValidatableResponse push(String bearer, ObjectNode... items) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(items))
                .post("/api/v1/sync/push").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse post(String bearer, ObjectNode item) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(item.toString())
                .post("/api/v1/observations").then();
    }

    private void patchStatus(UUID id, String status) {
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                .patch("/api/v1/observations/" + id).then().statusCode(200).body("status", equalTo(status));
    }

    private static UUID open311(Map<String, String> form) {
        RequestSpecification spec = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach(spec::formParam);
        return UUID.fromString(spec.post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id"));
    }

    private static Map<String, String> form(String serviceCode, double[] lonLat) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", serviceCode);
        form.put("lat", Double.toString(lonLat[1]));
        form.put("long", Double.toString(lonLat[0]));
        form.put("description", "Reporte " + UUID.randomUUID());
        return form;
    }

    /** A random point in Hermosillo (≈ 10 km box), far from other tests' points as a rule. */
    private static double[] somewhere() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new double[]{-111.00 + r.nextDouble() * 0.10, 29.03 + r.nextDouble() * 0.10};
    }

    private static ObjectNode withPhoto(ObjectNode item, String sha256) {
        item.putArray("photos").addObject().put("sha256", sha256).put("mediaType", "image/jpeg").put("bytes", 1000);
        return item;
    }

    /** A JPEG no other test (or earlier run on this database) has stored: random pixels. */
    private static byte[] uniqueJpeg() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static UUID id(ObjectNode item) {
        return UUID.fromString(item.get("id").asText());
    }
}
