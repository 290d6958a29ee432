package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.Open311Client;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.journal.Captures;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.model.observation.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sync engine against the real backend (PostGIS, S3): complete, exact, never duplicated. */
@ExtendWith(RunningBackend.class)
class SyncEngineIT {

    private static final String PASSWORD = "campo-Hermosillo-2026";
    private static BackendProcess backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(BackendProcess running) {
        backend = running;
    }

    private static boolean allSynced(EngineFixture device, String owner) {
        return device.journal.entries(owner).stream().allMatch(e -> e.state() == EntryState.SYNCED);
    }

    @Test
    void twoHundredObservationsWithPhotosCapturedOfflineSyncCompletely() throws Exception {
        String inspector = backend.createUser("inspector", PASSWORD);
        try (EngineFixture device = new EngineFixture(dir.resolve("tab"), "tab-200", backend.baseUri())) {
            device.accounts.signIn(inspector, PASSWORD);
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Path photo = Captures.jpeg(dir.resolve("gallery"), "obs-" + i, 30_000);
                JournalEntry e = device.journal.save(Captures.draft(inspector, Captures.risk("observación " + i, 1 + i % 5), photo));
                hashes.add(e.local().photos().get(0).sha256());
            }

            SyncStatus status = device.syncUntil(s -> s.phase() == SyncStatus.Phase.IDLE && s.pending() == 0, 5);

            assertThat(status.phase()).isEqualTo(SyncStatus.Phase.IDLE);
            assertThat(status.pending()).isZero();
            assertThat(device.journal.entries(inspector)).hasSize(200)
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(EntryState.SYNCED));
            Map<String, List<Object>> stored = EngineFixture.stored(backend, inspector);
            assertThat(stored).hasSize(200);
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(
                    device.journal.entries(inspector).stream().map(e -> e.id().toString()).toList());
            // Each device write applied exactly once (the server adds its own revision when the photo arrives).
            assertThat(stored.values()).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(1L));
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM applied_op WHERE actor = ?", inspector)).isEqualTo(200);
            assertThat(EngineFixture.storedPhotos(backend, hashes)).containsExactlyInAnyOrderElementsOf(hashes);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE author = ? AND 'INCOMPLETE' = ANY (flags)",
                    inspector)).isZero();
        }
    }

    @Test
    void throughAFaultyNetworkTheEndStateMatchesExactlyWithNoDuplicates() throws Exception {
        String inspector = backend.createUser("inspector", PASSWORD);
        try (FaultyProxy proxy = new FaultyProxy(backend.baseUri(), 0.3);
             EngineFixture device = new EngineFixture(dir.resolve("tab"), "tab-faulty", proxy.uri(),
                     new Timeouts(java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(10)))) {
            proxy.faultRate(0);
            device.accounts.signIn(inspector, PASSWORD);
            proxy.faultRate(0.3);
            List<String> hashes = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Path photo = Captures.jpeg(dir.resolve("gallery"), "faulty-" + i, 20_000 + i * 500);
                JournalEntry e = device.journal.save(Captures.draft(inspector, Captures.risk("v1 " + i, 1 + i % 5), photo));
                hashes.add(e.local().photos().get(0).sha256());
                ids.add(e.id());
            }
            device.engine.syncNow();
            // Edits made between rounds, some while their first write's answer was lost.
            for (int i = 0; i < 60; i += 3) {
                Observation local = device.journal.find(ids.get(i)).orElseThrow().local();
                device.journal.save(Captures.draft(inspector, local.toBuilder().notes("v2 " + i).build()));
            }

            // Faults are drawn per chunk read, and a loaded machine reads smaller chunks: more rounds are cut short
            // there, so the cap is generous (a round costs a fraction of a second); what matters is the end state.
            SyncStatus status = device.syncUntil(s -> s.phase() == SyncStatus.Phase.IDLE && allSynced(device, inspector), 400);
            System.out.println("FaultyProxy " + proxy.summary());

            assertThat(status.phase()).as(proxy.summary()).isEqualTo(SyncStatus.Phase.IDLE);
            assertThat(proxy.cutsMidRequest.get() + proxy.cutsAfterAnswer.get()).as(proxy.summary()).isPositive();
            Map<String, List<Object>> stored = EngineFixture.stored(backend, inspector);
            assertThat(stored).hasSize(60);
            Map<String, String> expectedNotes = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                expectedNotes.put(ids.get(i).toString(), (i % 3 == 0 ? "v2 " : "v1 ") + i);
            }
            for (JournalEntry e : device.journal.entries(inspector)) {
                List<Object> row = stored.get(e.id().toString());
                assertThat(e.state()).isEqualTo(EntryState.SYNCED);
                assertThat(row.get(1)).isEqualTo(expectedNotes.get(e.id().toString()));
                assertThat(e.local().notes()).isEqualTo(row.get(1));
                assertThat(e.server().rev()).isEqualTo(row.get(0));
                // v1 alone; or v1 then v2; or v2 as the create when v1 never left the device before the edit.
                if (e.local().notes().startsWith("v1")) {
                    assertThat(row.get(2)).isEqualTo(1L);
                } else {
                    assertThat((Long) row.get(2)).isBetween(1L, 2L);
                }
            }
            assertThat(EngineFixture.storedPhotos(backend, hashes)).containsExactlyInAnyOrderElementsOf(hashes);
            // No write applied twice: one applied op per device revision, and no opId in two revisions.
            long deviceRevisions = stored.values().stream().mapToLong(r -> (Long) r.get(2)).sum();
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM applied_op WHERE actor = ?", inspector))
                    .isEqualTo(deviceRevisions);
            assertThat(EngineFixture.count(backend, """
                    SELECT count(*) FROM (SELECT op_id FROM observation_revision WHERE actor = ? AND op_id IS NOT NULL
                    GROUP BY op_id HAVING count(*) > 1) d""", inspector)).isZero();
        }
    }

    @Test
    void twoDevicesEditingTheSameFieldConflictAndTheUserKeepsMineOrTakesTheServers() throws Exception {
        String inspector = backend.createUser("inspector", PASSWORD);
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), "tab-a", backend.baseUri());
             EngineFixture b = new EngineFixture(dir.resolve("b"), "tab-b", backend.baseUri())) {
            a.accounts.signIn(inspector, PASSWORD);
            b.accounts.signIn(inspector, PASSWORD);
            JournalEntry created = a.journal.save(Captures.draft(inspector, Captures.risk("original", 3)));
            a.engine.syncNow();
            UUID id = created.id();
            // B learns it through pull (same user, another tablet).
            b.syncUntil(s -> b.journal.find(id).isPresent(), 20);
            assertThat(b.journal.find(id)).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(EntryState.SYNCED));

            a.journal.save(Captures.draft(inspector, a.journal.find(id).orElseThrow().local().toBuilder()
                    .notes("de A").attribute("peopleExposed", 7).build()));
            b.journal.save(Captures.draft(inspector, b.journal.find(id).orElseThrow().local().toBuilder()
                    .notes("de B").build()));
            a.engine.syncNow();
            b.engine.syncNow();

            JournalEntry conflict = b.journal.find(id).orElseThrow();
            assertThat(conflict.state()).isEqualTo(EntryState.CONFLICT);
            assertThat(conflict.conflict().notes()).isEqualTo("de A");
            assertThat(conflict.local().notes()).isEqualTo("de B");
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM sync_conflict WHERE observation_id = ?::uuid AND resolved_at IS NULL",
                    id.toString())).isEqualTo(1);

            b.journal.keepMine(id);
            b.engine.syncNow();

            JournalEntry kept = b.journal.find(id).orElseThrow();
            assertThat(kept.state()).isEqualTo(EntryState.SYNCED);
            List<Object> row = EngineFixture.stored(backend, inspector).get(id.toString());
            assertThat(row.get(1)).isEqualTo("de B");
            assertThat(row.get(0)).isEqualTo(3L);
            assertThat(kept.server().rev()).isEqualTo(3L);
            assertThat(kept.local().attributes()).containsEntry("peopleExposed", 7); // A's other change survived
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM sync_conflict WHERE observation_id = ?::uuid AND resolved_at IS NULL",
                    id.toString())).isZero();

            // Second round: now A loses the race on the same field and takes the server's copy.
            a.syncUntil(s -> a.journal.find(id).orElseThrow().server().rev() == 3L, 20);
            b.journal.save(Captures.draft(inspector, b.journal.find(id).orElseThrow().local().toBuilder().attribute("severity", 5).build()));
            a.journal.save(Captures.draft(inspector, a.journal.find(id).orElseThrow().local().toBuilder().attribute("severity", 1).build()));
            b.engine.syncNow();
            a.engine.syncNow();
            assertThat(a.journal.find(id).orElseThrow().state()).isEqualTo(EntryState.CONFLICT);

            a.journal.takeServer(id);
            a.engine.syncNow();

            JournalEntry taken = a.journal.find(id).orElseThrow();
            assertThat(taken.state()).isEqualTo(EntryState.SYNCED);
            assertThat(taken.local().attributes()).containsEntry("severity", 5);
            assertThat(taken.server().rev()).isEqualTo(4L);
            assertThat(EngineFixture.stored(backend, inspector).get(id.toString()).get(0)).isEqualTo(4L);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM sync_conflict WHERE observation_id = ?::uuid AND resolved_at IS NULL",
                    id.toString())).isZero();
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM sync_conflict WHERE observation_id = ?::uuid AND resolution = 'TAKE_SERVER'",
                    id.toString())).isEqualTo(1);
        }
    }

    @Test
    void aSessionRevokedInTheMiddleOfASyncKeepsTheJournalUntilTheUserSignsInAgain() throws Exception {
        String inspector = backend.createUser("inspector", PASSWORD);
        try (EngineFixture device = new EngineFixture(dir.resolve("tab"), "tab-401", backend.baseUri())) {
            device.accounts.signIn(inspector, PASSWORD);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Path photo = Captures.jpeg(dir.resolve("gallery"), "rev-" + i, 15_000);
                ids.add(device.journal.save(Captures.draft(inspector, Captures.risk("r " + i, 3), photo)).id());
            }
            // When the push is done and photos start, an administrator disables the session (token version bump).
            java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
            device.engine.onStatus(() -> {
                if (device.engine.status().phase() == SyncStatus.Phase.UPLOADING_PHOTOS && revoked.compareAndSet(false, true)) {
                    try {
                        revokeTokens(inspector);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });

            SyncStatus status = device.engine.syncNow();

            assertThat(status.phase()).isEqualTo(SyncStatus.Phase.SIGN_IN_REQUIRED);
            assertThat(device.accounts.needsSignIn(inspector)).isTrue();
            assertThat(device.journal.entries(inspector)).hasSize(30)
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(EntryState.PHOTOS_PENDING));

            FileAccounts restarted = FileAccounts.open(dir.resolve("tab/accounts"), backend.baseUri(),
                    BackendProcess.APP_VERSION, java.util.Locale.forLanguageTag("es-MX"), java.time.Clock.systemDefaultZone());
            assertThat(restarted.needsSignIn(inspector)).isTrue();

            device.accounts.signIn(inspector, PASSWORD);
            SyncStatus after = device.engine.syncNow();

            assertThat(after.phase()).isEqualTo(SyncStatus.Phase.IDLE);
            assertThat(device.journal.entries(inspector)).allSatisfy(e -> assertThat(e.state()).isEqualTo(EntryState.SYNCED));
            assertThat(EngineFixture.stored(backend, inspector)).hasSize(30);
        }
    }

    @Test
    void anAnonymousReportGetsATrackingTokenAndItsStatusIsFollowed() throws Exception {
        try (EngineFixture phone = new EngineFixture(dir.resolve("phone"), "android-7f3a", backend.baseUri())) {
            Observation pothole = Captures.risk("Socavón frente a la escuela", 4);
            phone.journal.save(Captures.draft(Journal.ANONYMOUS, pothole));

            SyncStatus status = phone.engine.syncNow();
            phone.engine.syncNow(); // a second round must not report it again

            assertThat(status.phase()).isEqualTo(SyncStatus.Phase.IDLE);
            assertThat(phone.journal.find(pothole.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
            assertThat(phone.journal.tracking(pothole.id())).hasValueSatisfying(t -> {
                assertThat(t.token()).isNotBlank();
                assertThat(t.serviceRequestId()).isEqualTo(pothole.id().toString());
                assertThat(t.status()).isEqualTo("open");
            });
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE id = ?::uuid",
                    pothole.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void anAnonymousReportArrivesWithItsPhotosStoredAndReferencedAndAReplayDuplicatesNothing() throws Exception {
        try (EngineFixture phone = new EngineFixture(dir.resolve("phone-fotos"), "android-9c21", backend.baseUri())) {
            Path near = Captures.jpeg(dir.resolve("gallery"), "arbol-cerca", 60_000);
            Path far = Captures.jpeg(dir.resolve("gallery"), "arbol-lejos", 25_000);
            Observation tree = Captures.risk("Árbol inclinado sobre el cableado", 5);
            JournalEntry saved = phone.journal.save(Captures.draft(Journal.ANONYMOUS, tree, near, far));
            List<String> hashes = saved.local().photos().stream().map(p -> p.sha256()).toList();

            SyncStatus status = phone.engine.syncNow();

            assertThat(status.phase()).isEqualTo(SyncStatus.Phase.IDLE);
            assertThat(phone.journal.find(tree.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
            String token = phone.journal.tracking(tree.id()).orElseThrow().token();
            assertThat(token).isNotBlank();
            assertThat(EngineFixture.storedPhotos(backend, hashes)).containsExactlyInAnyOrderElementsOf(hashes);
            String id = tree.id().toString();
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE id = ?::uuid"
                    + " AND photos->0->>'sha256' = ? AND photos->1->>'sha256' = ? AND jsonb_array_length(photos) = 2"
                    + " AND NOT 'INCOMPLETE' = ANY (flags) AND author LIKE 'citizen:anon:%'", id, hashes.get(0), hashes.get(1)))
                    .isEqualTo(1);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM attachment WHERE sha256 = ANY (?) AND bytes = ANY (?)",
                    hashes.toArray(String[]::new), new Long[]{Files.size(near), Files.size(far)})).isEqualTo(2);

            // The answer was lost on the way back: the device resends the same write with the same photos.
            Observation write = phone.journal.find(tree.id()).orElseThrow().local();
            List<Open311Client.Photo> photos = phone.journal.photosOf(write).stream()
                    .map(p -> new Open311Client.Photo(p.sha256(), p.mediaType(), p.file())).toList();
            Open311Client.Submitted replay = phone.accounts.open311().submit(write, phone.journal.deviceId(), photos);
            phone.engine.syncNow();

            assertThat(replay.serviceRequestId()).isEqualTo(id);
            assertThat(replay.token()).isEqualTo(token);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE id = ?::uuid", id)).isEqualTo(1);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM citizen_report WHERE observation_id = ?::uuid", id))
                    .isEqualTo(1);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE notes = ?", tree.notes())).isEqualTo(1);
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM attachment WHERE sha256 = ANY (?)",
                    (Object) hashes.toArray(String[]::new))).isEqualTo(2);
        }
    }

    private static void revokeTokens(String username) throws java.sql.SQLException {
        try (var c = backend.database(); var s = c.prepareStatement(
                "UPDATE app_user SET token_version = token_version + 1 WHERE username = ?")) {
            s.setString(1, username);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // As a password change does: access tokens of the old version and every refresh token stop working.
        try (var c = backend.database(); var s = c.prepareStatement("""
                UPDATE refresh_token SET revoked_at = now()
                WHERE revoked_at IS NULL AND user_id = (SELECT id FROM app_user WHERE username = ?)""")) {
            s.setString(1, username);
            s.executeUpdate();
        }
    }
}
