package mx.implan.brujula.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.hostile.HostileJson.Mutation;
import mx.implan.brujula.testing.Items;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged JSON bodies, generated per endpoint family, against the packaged backend: every answer passes
 * {@link Answer} (no 5xx, the endpoint's error format, no leak) and a refused request wrote nothing (the data's
 * fingerprint is the same before and after). The push answers per item: the damaged item gets its own result, its
 * neighbours are stored, and only what the results call written was written.
 */
class HostileJsonBodiesIT {

    private static final int TRIES = 40;

    private final HostileBackend backend = HostileBackend.get();

    /** A request of a family: where it goes, as whom, and the valid body to damage. */
    record Target(String method, String path, String role, ObjectNode base) {
    }

    @Provide
    Arbitrary<Mutation> damage() {
        return HostileJson.mutations();
    }

    @Provide
    Arbitrary<Mutation> itemDamage() {
        return HostileJson.treeMutations();
    }

    @Property(tries = TRIES)
    void signIn(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/auth/token", null, HostileBodies.signIn()), m);
    }

    @Property(tries = TRIES)
    void refresh(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/auth/refresh", null, HostileBodies.refresh(backend.freshRefreshToken())), m);
    }

    @Property(tries = TRIES)
    void createObservation(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/observations", "inspector", HostileBodies.observation()), m);
    }

    @Property(tries = TRIES)
    void changeStatus(@ForAll("damage") Mutation m) {
        ObjectNode item = Items.risk(UUID.randomUUID());
        backend.push("inspector", item, "CREATED");
        attack(new Target("PATCH", "/api/v1/observations/" + item.get("id").asText(), "supervisor", HostileBodies.status(1)), m);
    }

    @Property(tries = TRIES)
    void resolveConflict(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/conflicts/" + freshConflict() + "/resolution", "inspector",
                HostileBodies.resolution()), m);
    }

    @Property(tries = TRIES)
    void moderate(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/moderation/photos/" + backend.citizenPhoto + "/decision", "supervisor",
                HostileBodies.decision()), m);
    }

    @Property(tries = TRIES)
    void createWork(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/works", "admin", HostileBodies.work("HOSTIL-" + HostileBodies.fresh())), m);
    }

    /** A dry run writes nothing whatever it answers, so the fingerprint must hold for accepted imports too. */
    @Property(tries = TRIES)
    void importWorksDryRun(@ForAll("damage") Mutation m) {
        Target t = new Target("POST", "/api/v1/works/import?dryRun=true", "admin", HostileBodies.featureCollection());
        DataFingerprint before = DataFingerprint.of(backend);
        Reply r = backend.client.json(t.method(), t.path(), backend.bearer(t.role()), m.apply(t.base()));
        Answer.check(t.path(), r);
        assertUnchanged(before, r);
    }

    @Property(tries = TRIES)
    void createUser(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/admin/users", "admin", HostileBodies.newUser()), m);
    }

    @Property(tries = TRIES)
    void changeUser(@ForAll("damage") Mutation m) {
        attack(new Target("PATCH", "/api/v1/admin/users/" + backend.targetUserId, "admin", HostileBodies.userChange()), m);
    }

    @Property(tries = TRIES)
    void resetPassword(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/admin/users/" + backend.targetUserId + "/password", "admin",
                HostileBodies.password()), m);
    }

    @Property(tries = TRIES)
    void assignZones(@ForAll("damage") Mutation m) {
        attack(new Target("PUT", "/api/v1/admin/users/" + backend.targetUserId + "/zones", "admin", HostileBodies.zones()), m);
    }

    @Property(tries = TRIES)
    void placeCitizenReport(@ForAll("damage") Mutation m) {
        attack(new Target("PUT", "/api/v1/citizen-reports/" + backend.serviceRequestId + "/location", "supervisor",
                HostileBodies.location()), m);
    }

    @Property(tries = TRIES)
    void rectifyContact(@ForAll("damage") Mutation m) {
        attack(new Target("PATCH", "/api/v1/citizen-contacts/" + backend.serviceRequestId, "admin", HostileBodies.contact()), m);
    }

    @Property(tries = TRIES)
    void missingPhotos(@ForAll("damage") Mutation m) {
        attack(new Target("POST", "/api/v1/attachments/missing", "inspector", HostileBodies.missing(backend.citizenPhoto)), m);
    }

    /** The push envelope damaged (and, through it, its one item). */
    @Property(tries = TRIES)
    void pushEnvelope(@ForAll("damage") Mutation m) {
        ObjectNode envelope = (ObjectNode) readTree(Items.batch(Items.risk(UUID.randomUUID())));
        push(m.apply(envelope), -1);
    }

    /** One damaged item between two good ones: each gets its own result; the good ones are stored. */
    @Property(tries = TRIES)
    void pushItem(@ForAll("itemDamage") Mutation m) {
        String good1 = Items.risk(UUID.randomUUID()).toString();
        String good2 = Items.risk(UUID.randomUUID()).toString();
        String bad = new String(m.apply(Items.risk(UUID.randomUUID())), java.nio.charset.StandardCharsets.UTF_8);
        String body = "{\"deviceId\":\"tab-017\",\"sentAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\",\"items\":["
                + good1 + "," + bad + "," + good2 + "]}";
        push(HostileJson.utf8(body), 3);
    }

    private void push(byte[] body, int items) {
        String path = "/api/v1/sync/push";
        DataFingerprint before = DataFingerprint.of(backend);
        Reply r = backend.client.json("POST", path, backend.bearer("inspector"), body);
        Answer.check(path, r);
        DataFingerprint after = DataFingerprint.of(backend);
        if (r.status() >= 400) {
            assertUnchanged(before, after, r);
            return;
        }
        assertThat(r.status()).as(r.describe()).isEqualTo(200);
        JsonNode results = Answer.json(r).path("results");
        assertThat(results.isArray()).as(r.describe()).isTrue();
        if (items > 0) {
            assertThat(results.size()).as("one result per item: " + r.describe()).isEqualTo(items);
            assertThat(results.get(0).path("status").asText()).as(r.describe()).isEqualTo("CREATED");
            assertThat(results.get(items - 1).path("status").asText()).as(r.describe()).isEqualTo("CREATED");
        }
        long written = 0;
        for (JsonNode result : results) {
            String status = result.path("status").asText();
            assertThat(status).as(r.describe()).isIn("CREATED", "UPDATED", "UNCHANGED", "CONFLICT", "REJECTED", "FAILED");
            assertThat(status).as("a hostile item is refused, never failed: " + r.describe()).isNotEqualTo("FAILED");
            Answer.fieldErrors(r, result.path("errors"));
            if (status.equals("REJECTED")) {
                assertThat(result.path("errors").size()).as("a rejected item says why: " + r.describe()).isPositive();
            }
            if (status.equals("CREATED") || status.equals("UPDATED")) {
                written++;
            }
        }
        assertThat(after.rows("observation_revision") - before.rows("observation_revision"))
                .as("revisions written = items the results call written: " + r.describe()).isEqualTo(written);
    }

    private void attack(Target t, Mutation m) {
        byte[] body = m.apply(t.base());
        DataFingerprint before = DataFingerprint.of(backend);
        Reply r = backend.client.json(t.method(), t.path(), t.role() == null ? null : backend.bearer(t.role()), body);
        Answer.check(t.path(), r);
        if (r.status() >= 400) {
            assertUnchanged(before, r);
        }
    }

    private void assertUnchanged(DataFingerprint before, Reply r) {
        assertUnchanged(before, DataFingerprint.of(backend), r);
    }

    private static void assertUnchanged(DataFingerprint before, DataFingerprint after, Reply r) {
        assertThat(before.differences(after)).as("a refused request wrote: " + r.describe()).isEmpty();
    }

    /** A new open conflict of the inspector's: two edits from the same base revision. */
    private String freshConflict() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        backend.push("inspector", item, "CREATED");
        ObjectNode first = Items.edit(item, 1);
        first.put("notes", "Primera");
        backend.push("inspector", first, "UPDATED");
        ObjectNode second = Items.edit(item, 1);
        second.put("notes", "Segunda");
        backend.push("inspector", second, "CONFLICT");
        return backend.sql("SELECT id::text FROM sync_conflict WHERE observation_id = '" + item.get("id").asText() + "'");
    }

    private static JsonNode readTree(String json) {
        try {
            return Items.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
