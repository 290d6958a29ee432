package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.ClientFixture;
import mx.implan.brujula.app.api.FakeServer;
import mx.implan.brujula.app.api.MutableClock;
import mx.implan.brujula.app.api.Open311Client;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.journal.Captures;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.model.observation.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rounds and phases against a scripted server (the real backend is in the ITs). */
class BackgroundSyncEngineTest {

    @TempDir
    Path dir;
    private FakeServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:15:00Z"));
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    /** "user: ids" per push, in order, to check whose token carried what. */
    private final List<String> pushes = new CopyOnWriteArrayList<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private FileJournal journal;
    private FileAccounts accounts;
    private BackgroundSyncEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeServer()
                .on("/api/v1/auth/token", r -> {
                    String user = r.json().get("username").asText();
                    return FakeServer.Answer.json(200, "{\"accessToken\":\"access-" + user + "\",\"refreshToken\":\"refresh-"
                            + user + "\",\"expiresIn\":3600}");
                })
                .on("/api/v1/auth/me", r -> FakeServer.Answer.json(200, "{\"username\":\"" + user(r)
                        + "\",\"role\":\"inspector\",\"displayName\":\"x\"}"))
                .on("/api/v1/sync/push", r -> {
                    List<String> results = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (JsonNode item : r.json().get("items")) {
                        ids.add(item.get("notes").asText());
                        List<String> missing = new ArrayList<>();
                        item.path("photos").forEach(p -> {
                            if (!stored.contains(p.get("sha256").asText())) {
                                missing.add("\"" + p.get("sha256").asText() + "\"");
                            }
                        });
                        results.add("{\"id\":\"" + item.get("id").asText() + "\",\"opId\":\"" + item.get("opId").asText()
                                + "\",\"status\":\"CREATED\",\"rev\":1,\"missingPhotos\":" + missing + ",\"flags\":[]}");
                    }
                    pushes.add(user(r) + ": " + String.join(",", ids));
                    order.add("push");
                    return FakeServer.Answer.json(200, "{\"results\":" + results + "}");
                })
                .on("/api/v1/attachments/missing", r -> {
                    List<String> missing = new ArrayList<>();
                    r.json().get("hashes").forEach(h -> {
                        if (!stored.contains(h.asText())) {
                            missing.add("\"" + h.asText() + "\"");
                        }
                    });
                    order.add("missing");
                    return FakeServer.Answer.json(200, "{\"missing\":" + missing + "}");
                })
                .onPrefix("/api/v1/attachments/", r -> {
                    String sha = r.path().substring("/api/v1/attachments/".length());
                    stored.add(sha);
                    order.add("put " + r.body().length);
                    return FakeServer.Answer.json(201, "{}");
                })
                .on("/api/v1/sync/pull", r -> {
                    order.add("pull");
                    return FakeServer.Answer.json(200, "{\"changes\":[],\"next\":\"c1\",\"hasMore\":false}");
                });
        journal = FileJournal.open(dir.resolve("journal"), "tab-017", clock, Locale.forLanguageTag("es-MX"));
        accounts = FileAccounts.open(dir.resolve("accounts"), server.uri(), ClientFixture.VERSION,
                Locale.forLanguageTag("es-MX"), clock, new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        engine = new BackgroundSyncEngine(journal, accounts, clock, new BackgroundSyncEngine.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(15), 50, new Random(7), false));
    }

    private static String user(FakeServer.Request r) {
        return r.header("Authorization").replace("Bearer access-", "");
    }

    @AfterEach
    void tearDown() {
        engine.close();
        server.close();
    }

    @Test
    void observationsGoFirstThenMissingPhotosSmallestFirstThenPull() {
        accounts.signIn("ana", "x");
        Path big = Captures.jpeg(dir.resolve("g"), "grande", 60_000);
        Path small = Captures.jpeg(dir.resolve("g"), "chica", 8_000);
        journal.save(Captures.draft("ana", Captures.risk("leve", 1), big, small));
        journal.save(Captures.draft("ana", Captures.risk("grave", 5)));
        List<SyncStatus.Phase> phases = new CopyOnWriteArrayList<>();
        engine.onStatus(() -> phases.add(engine.status().phase()));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.IDLE);
        assertThat(after.pending()).isZero();
        assertThat(after.lastSuccess()).isEqualTo(clock.instant());
        assertThat(pushes).containsExactly("ana: grave,leve"); // the severe risk leads the batch
        assertThat(order).hasSize(5);
        assertThat(order.subList(0, 2)).containsExactly("push", "missing");
        assertThat(Integer.parseInt(order.get(2).substring(4))).isLessThan(Integer.parseInt(order.get(3).substring(4)));
        assertThat(order.get(4)).isEqualTo("pull");
        assertThat(phases).containsSubsequence(SyncStatus.Phase.PUSHING, SyncStatus.Phase.UPLOADING_PHOTOS,
                SyncStatus.Phase.PULLING, SyncStatus.Phase.IDLE);
        assertThat(journal.entries("ana")).extracting(JournalEntry::state).containsOnly(EntryState.SYNCED);
        assertThat(journal.pullCursor("ana")).isEqualTo("c1");
    }

    @Test
    void aRoundWithNobodyToSyncForClaimsNoLastSync() {
        server.close(); // nobody signed in and nothing to send: the server is not even asked

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.IDLE);
        assertThat(after.lastSuccess()).isNull();
        assertThat(order).isEmpty();
    }

    @Test
    void onASharedTabletEachPersonsEntriesGoWithTheirOwnToken() {
        accounts.signIn("ana", "x");
        accounts.signIn("beto", "x");
        journal.save(Captures.draft("ana", Captures.risk("de ana", 3)));
        journal.save(Captures.draft("beto", Captures.risk("de beto", 3)));

        engine.syncNow();

        assertThat(pushes).containsExactlyInAnyOrder("ana: de ana", "beto: de beto");
    }

    @Test
    void noServerMeansOfflineWithABackedOffRetryAndNothingLost() {
        accounts.signIn("ana", "x");
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("sin red", 3)));
        server.close();

        SyncStatus first = engine.syncNow();
        SyncStatus second = engine.syncNow();

        assertThat(first.phase()).isEqualTo(SyncStatus.Phase.OFFLINE);
        assertThat(first.lastError()).contains("Sin conexión");
        assertThat(first.nextAttempt()).isBetween(clock.instant().plusSeconds(1), clock.instant().plusSeconds(2));
        assertThat(second.nextAttempt()).isBetween(clock.instant().plusSeconds(2), clock.instant().plusSeconds(4));
        assertThat(second.pending()).isEqualTo(1);
        JournalEntry kept = journal.find(saved.id()).orElseThrow();
        assertThat(kept.state()).isEqualTo(EntryState.PENDING);
        assertThat(kept.local()).isEqualTo(saved.local());
    }

    /** The push answers each item with {@code status} (a JSON string) the first time, CREATED afterwards. */
    private List<String> pushAnswering(String firstStatus) {
        List<String> opIds = new CopyOnWriteArrayList<>();
        server.on("/api/v1/sync/push", r -> {
            List<String> results = new ArrayList<>();
            for (JsonNode item : r.json().get("items")) {
                opIds.add(item.get("opId").asText());
                String status = opIds.size() == 1 ? firstStatus : "CREATED";
                results.add("{\"id\":\"" + item.get("id").asText() + "\",\"opId\":\"" + item.get("opId").asText()
                        + "\",\"status\":\"" + status + "\",\"rev\":" + (status.equals("CREATED") ? "1" : "null")
                        + ",\"missingPhotos\":[],\"flags\":[],\"errors\":" + (status.equals("CREATED") ? "[]"
                        : "[{\"field\":\"\",\"code\":\"ITEM_FAILED\",\"message\":\"Inténtelo más tarde\"}]") + "}");
            }
            return FakeServer.Answer.json(200, "{\"results\":" + results + "}");
        });
        return opIds;
    }

    @Test
    void anItemTheServerCouldNotApplyNowStaysPendingAndGoesAgainAfterABackOffNeverRejected() {
        accounts.signIn("ana", "x");
        List<String> opIds = pushAnswering("FAILED");
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("falló en el servidor", 3)));

        SyncStatus first = engine.syncNow();

        assertThat(first.phase()).isEqualTo(SyncStatus.Phase.BACKING_OFF);
        assertThat(first.nextAttempt()).isBetween(clock.instant().plusSeconds(1), clock.instant().plusSeconds(2));
        assertThat(first.lastError()).contains("no pudo guardar 1 observación");
        assertThat(first.pending()).isEqualTo(1);
        JournalEntry waiting = journal.find(saved.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(EntryState.PENDING);
        assertThat(waiting.errors()).isEmpty();
        assertThat(accounts.needsSignIn("ana")).isFalse();
        assertThat(opIds).hasSize(1); // not sent twice in the same round: a later round, after the back-off

        SyncStatus second = engine.syncNow();

        assertThat(second.phase()).isEqualTo(SyncStatus.Phase.IDLE);
        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
        assertThat(opIds).containsExactly(saved.local().opId().toString(), saved.local().opId().toString());
    }

    @Test
    void aStatusFromANewerServerThatThisAppDoesNotKnowIsRetriedLaterNotACrash() {
        accounts.signIn("ana", "x");
        List<String> opIds = pushAnswering("POSTPONED");
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("estado desconocido", 3)));

        SyncStatus first = engine.syncNow();

        assertThat(first.phase()).isEqualTo(SyncStatus.Phase.BACKING_OFF);
        assertThat(first.nextAttempt()).isNotNull();
        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.PENDING);

        engine.syncNow();

        // Outcome unknown: the very same write (same opId) goes again, and the server's answer settles it.
        assertThat(opIds).containsExactly(saved.local().opId().toString(), saved.local().opId().toString());
        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
    }

    @Test
    void aServerWithoutItsDatabaseReadsAsNoConnectionWithTheServerAndIsRetriedWhenRetryAfterSays() {
        accounts.signIn("ana", "x");
        server.on("/api/v1/sync/push", r -> new FakeServer.Answer(503, "application/problem+json",
                "{\"status\":503,\"code\":\"DATABASE_UNAVAILABLE\",\"detail\":\"La base de datos no responde\"}",
                Map.of("Retry-After", "30")));
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("sin base de datos", 3)));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.SERVER_UNAVAILABLE);
        assertThat(after.lastError()).startsWith("Sin conexión con el servidor");
        assertThat(after.nextAttempt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(after.pending()).isEqualTo(1);
        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.PENDING);
        assertThat(accounts.needsSignIn("ana")).isFalse();
        assertThat(accounts.current()).isPresent();
    }

    @Test
    void aPhotoStoreThatIsDownKeepsThePhotoPendingAndWaitsAsLongAsTheServerSays() {
        accounts.signIn("ana", "x");
        server.onPrefix("/api/v1/attachments/", r -> new FakeServer.Answer(503, "application/problem+json",
                "{\"status\":503,\"code\":\"STORAGE_UNAVAILABLE\"}", Map.of("Retry-After", "7")));
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("foto sin almacén", 3),
                Captures.jpeg(dir.resolve("g"), "almacen", 9_000)));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.SERVER_UNAVAILABLE);
        assertThat(after.nextAttempt()).isEqualTo(clock.instant().plusSeconds(7));
        JournalEntry kept = journal.find(saved.id()).orElseThrow();
        assertThat(kept.state()).isEqualTo(EntryState.PHOTOS_PENDING);
        assertThat(kept.errors()).isEmpty();
        assertThat(journal.photo(kept.local().photos().get(0).sha256())).isPresent();
    }

    @Test
    void aRefreshAnsweredWithServiceUnavailableKeepsTheSession() {
        accounts.signIn("ana", "x");
        clock.advance(Duration.ofHours(2)); // the access token has expired: the next request refreshes first
        server.on("/api/v1/auth/refresh", r -> new FakeServer.Answer(503, "application/problem+json",
                "{\"status\":503,\"code\":\"DATABASE_UNAVAILABLE\"}", Map.of("Retry-After", "12")));
        journal.save(Captures.draft("ana", Captures.risk("sesión intacta", 3)));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.SERVER_UNAVAILABLE);
        assertThat(after.nextAttempt()).isEqualTo(clock.instant().plusSeconds(12));
        assertThat(accounts.needsSignIn("ana")).isFalse();
        assertThat(accounts.client("ana")).isPresent();
    }

    @Test
    void inEnglishAServerThatCannotServeReadsNoConnectionToTheServer() throws IOException {
        FileAccounts english = FileAccounts.open(dir.resolve("accounts-en"), server.uri(), ClientFixture.VERSION,
                Locale.ENGLISH, clock, new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        english.signIn("ana", "x");
        server.on("/api/v1/sync/push", r -> FakeServer.Answer.problem(503, "{\"status\":503,\"code\":\"DATABASE_UNAVAILABLE\"}"));
        journal.save(Captures.draft("ana", Captures.risk("in English", 3)));
        try (BackgroundSyncEngine en = new BackgroundSyncEngine(journal, english, clock, new BackgroundSyncEngine.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(15), 50, new Random(7), false))) {

            SyncStatus after = en.syncNow();

            assertThat(after.phase()).isEqualTo(SyncStatus.Phase.SERVER_UNAVAILABLE);
            assertThat(after.lastError()).startsWith("No connection to the server");
            // Without Retry-After, the usual back-off.
            assertThat(after.nextAttempt()).isBetween(clock.instant().plusSeconds(1), clock.instant().plusSeconds(2));
        }
    }

    @Test
    void aRefusedSessionAsksThatPersonToSignInAndKeepsTheirEntries() {
        accounts.signIn("ana", "x");
        server.on("/api/v1/sync/push", r -> FakeServer.Answer.problem(401, "{\"status\":401,\"code\":\"TOKEN_REVOKED\"}"));
        server.on("/api/v1/auth/refresh", r -> FakeServer.Answer.problem(401, "{\"status\":401,\"code\":\"REFRESH_INVALID\"}"));
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk("guardada", 3)));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.SIGN_IN_REQUIRED);
        assertThat(after.nextAttempt()).isNull();
        assertThat(after.lastError()).contains("ana");
        assertThat(accounts.needsSignIn("ana")).isTrue();
        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.PENDING);
    }

    @Test
    void anAppTooOldWaitsForAnUpdateWithoutRetrying() {
        accounts.signIn("ana", "x");
        server.on("/api/v1/sync/push", r -> FakeServer.Answer.problem(426,
                "{\"status\":426,\"code\":\"CLIENT_TOO_OLD\",\"minClientVersion\":\"2.0.0\"}"));
        journal.save(Captures.draft("ana", Captures.risk("x", 3)));

        SyncStatus after = engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.UPDATE_REQUIRED);
        assertThat(after.nextAttempt()).isNull();
        assertThat(after.pending()).isEqualTo(1);
    }

    @Test
    void anAnonymousReportGoesThroughOpen311WithItsOpIdAsIdempotencyKeyAndKeepsItsToken() {
        List<FakeServer.Request> posts = new CopyOnWriteArrayList<>();
        server.on("/open311/v2/requests.json", r -> {
            posts.add(r);
            return FakeServer.Answer.json(posts.size() == 1 ? 201 : 200,
                    "[{\"service_request_id\":\"srv-1\",\"token\":\"tok-secreto\",\"service_notice\":null}]");
        });
        server.on("/open311/v2/tokens/tok-secreto.json", r -> FakeServer.Answer.json(200,
                "[{\"service_request_id\":\"srv-1\",\"token\":\"tok-secreto\"}]"));
        server.on("/open311/v2/requests/srv-1.json", r -> FakeServer.Answer.json(200,
                "[{\"service_request_id\":\"srv-1\",\"status\":\"open\",\"status_notes\":\"Recibido\"}]"));
        Observation pothole = Captures.risk("Socavón frente a la escuela", 4);
        JournalEntry saved = journal.save(Captures.draft(Journal.ANONYMOUS, pothole));

        SyncStatus after = engine.syncNow();
        engine.syncNow();

        assertThat(after.phase()).isEqualTo(SyncStatus.Phase.IDLE);
        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p.header("Idempotency-Key")).isEqualTo(saved.local().opId().toString());
            assertThat(p.header("Authorization")).isNull();
            String form = new String(p.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(form).contains("service_code=RISK_HUNDIMIENTO", "attribute%5Bseverity%5D=4",
                    "attribute%5Bobservation_id%5D=" + pothole.id(), "lat=29.0729", "long=-110.9613");
        });
        assertThat(journal.find(pothole.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
        assertThat(journal.tracking(pothole.id())).hasValueSatisfying(t -> {
            assertThat(t.token()).isEqualTo("tok-secreto");
            assertThat(t.status()).isEqualTo("open");
            assertThat(t.statusNotes()).isEqualTo("Recibido");
        });
    }

    @Test
    void anAnonymousReportCarriesItsPhotosAsMediaPartsAndARetryIsTheSameRequest() throws IOException {
        List<FakeServer.Request> posts = new CopyOnWriteArrayList<>();
        server.on("/open311/v2/requests.json", r -> {
            posts.add(r);
            // The first answer is lost to a server error: the engine resends the same write.
            return posts.size() == 1 ? FakeServer.Answer.json(500, "[{\"code\":500,\"description\":\"x\"}]")
                    : FakeServer.Answer.json(201, "[{\"service_request_id\":\"srv-2\",\"token\":\"tok-2\"}]");
        });
        server.on("/open311/v2/tokens/tok-2.json", r -> FakeServer.Answer.json(200, "[{\"service_request_id\":\"srv-2\"}]"));
        server.on("/open311/v2/requests/srv-2.json", r -> FakeServer.Answer.json(200,
                "[{\"service_request_id\":\"srv-2\",\"status\":\"open\",\"status_notes\":\"Recibido\"}]"));
        Path first = Captures.jpeg(dir, "arbol-1", 40_000);
        Path second = Captures.jpeg(dir, "arbol-2", 9_000);
        Observation tree = Captures.risk("Árbol a punto de caer", 5);
        JournalEntry saved = journal.save(Captures.draft(Journal.ANONYMOUS, tree, first, second));

        engine.syncNow();
        engine.syncNow();

        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        FakeServer.Request post = posts.get(1);
        assertThat(post.header("Idempotency-Key")).isEqualTo(saved.local().opId().toString());
        assertThat(post.header("Authorization")).isNull();
        assertThat(post.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        Map<String, List<byte[]>> parts = multipart(post);
        assertThat(text(parts, "service_code")).isEqualTo("RISK_HUNDIMIENTO");
        assertThat(text(parts, "description")).isEqualTo("Árbol a punto de caer");
        assertThat(text(parts, "attribute[severity]")).isEqualTo("5");
        assertThat(text(parts, "attribute[observation_id]")).isEqualTo(tree.id().toString());
        assertThat(parts.get("media")).hasSize(2);
        assertThat(parts.get("media").get(0)).isEqualTo(Files.readAllBytes(first));
        assertThat(parts.get("media").get(1)).isEqualTo(Files.readAllBytes(second));
        assertThat(journal.find(tree.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
        assertThat(journal.tracking(tree.id())).hasValueSatisfying(t -> assertThat(t.token()).isEqualTo("tok-2"));
        // Photos went inside the report: nothing is uploaded apart.
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api/v1/attachments"))).isEmpty();
    }

    @Test
    void anAnonymousReportWithMorePhotosThanTheServerTakesIsSetAsideWithTheReason() {
        Path[] files = new Path[Open311Client.MAX_MEDIA + 1];
        for (int i = 0; i < files.length; i++) {
            files[i] = Captures.jpeg(dir, "f" + i, 5_000);
        }
        Observation tree = Captures.risk("Demasiadas fotos", 2);
        journal.save(Captures.draft(Journal.ANONYMOUS, tree, files));

        engine.syncNow();

        assertThat(server.requests("/open311/v2/requests.json")).isEmpty();
        JournalEntry entry = journal.find(tree.id()).orElseThrow();
        assertThat(entry.state()).isEqualTo(EntryState.REJECTED);
        assertThat(entry.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("TOO_MANY_PHOTOS"));
    }

    /** The parts of a multipart body by field name, in order (the body read as ISO-8859-1 keeps every byte). */
    private static Map<String, List<byte[]>> multipart(FakeServer.Request r) {
        String boundary = r.header("Content-Type").substring(r.header("Content-Type").indexOf("boundary=") + 9);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
        Map<String, List<byte[]>> parts = new java.util.LinkedHashMap<>();
        String inner = body.substring(0, body.length() - ("--" + boundary + "--\r\n").length());
        for (String part : inner.split("--" + java.util.regex.Pattern.quote(boundary) + "\r\n")) {
            if (part.isEmpty()) {
                continue;
            }
            int end = part.indexOf("\r\n\r\n");
            String headers = part.substring(0, end);
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            assertThat(name.find()).isTrue();
            String content = part.substring(end + 4, part.length() - 2);
            parts.computeIfAbsent(name.group(1), k -> new ArrayList<>()).add(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    private static String text(Map<String, List<byte[]>> parts, String name) {
        return new String(parts.get(name).get(0), StandardCharsets.UTF_8);
    }

    @Test
    void backOffGrowsExponentiallyWithJitterAndNeverBecomesATightLoop() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), new Random(42));
        for (int failures = 1; failures <= 12; failures++) {
            long ceiling = Math.min(60_000, 2_000L << (failures - 1));
            Duration d = backoff.delay(failures);
            assertThat(d.toMillis()).isBetween(ceiling / 2, ceiling);
        }
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(backoff.delay(10).toMillis());
        }
        assertThat(seen).hasSizeGreaterThan(10); // jittered, not one fixed value
    }
}
