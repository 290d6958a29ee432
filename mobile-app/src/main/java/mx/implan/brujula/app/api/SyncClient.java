package mx.implan.brujula.app.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import mx.implan.brujula.model.ClientVersion;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.PullResponse;
import mx.implan.brujula.model.sync.PushRequest;
import mx.implan.brujula.model.sync.PushResponse;
import mx.implan.brujula.model.sync.PushResult;

/**
 * The app's client of the backend's sync API (sign-in, push, pull). Thread-safe.
 *
 * <p>It deliberately does little retrying: one token refresh on 401 and halving a batch the server finds too
 * big (413). Everything else is thrown, typed by what the caller should do (see {@link SyncClientException}),
 * because backoff and scheduling belong to the sync engine, which knows about battery and connectivity. The
 * client never removes anything from the caller's journal; it only reports per-item results.
 */
public final class SyncClient {

    /** Page size of {@link #pullAll(String, Consumer)}: the server's documented default. */
    public static final int DEFAULT_PULL_LIMIT = 200;
    /** Hashes per missing-photos question: well under the server's default limit of 1,000. */
    static final int MISSING_QUERY_CHUNK = 500;

    private final URI baseUri;
    private final Clock clock;
    private final ApiTransport transport;
    private final Session session;

    /**
     * @param baseUri the server, e.g. {@code https://brujula.implan.mx/}; plain http only on loopback
     * @param version this app's version, sent as {@code X-Brujula-Client}
     * @param locale  language of server messages ({@code Accept-Language}; the server speaks es and en)
     * @param tokens  where the token pair is kept
     * @param clock   the device clock: stamps {@code sentAt} and tells when the access token expires
     * @throws IllegalArgumentException when {@code baseUri} is not HTTPS and not loopback
     */
    public SyncClient(URI baseUri, ClientVersion version, Locale locale, TokenStore tokens, Clock clock) {
        this(baseUri, version, locale, tokens, clock, Timeouts.DEFAULT);
    }

    public SyncClient(URI baseUri, ClientVersion version, Locale locale, TokenStore tokens, Clock clock,
                      Timeouts timeouts) {
        this.baseUri = BaseUriPolicy.check(baseUri);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transport = new ApiTransport(this.baseUri, Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(locale, "locale"), Objects.requireNonNull(timeouts, "timeouts"));
        this.session = new Session(transport, Objects.requireNonNull(tokens, "tokens"), clock);
    }

    /** The server address as used (normalised to end with {@code /}). */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Exchanges credentials for a token pair and keeps it in the token store.
     *
     * @throws ApiException 401 {@code INVALID_CREDENTIALS} on a wrong user name or password
     */
    public void signIn(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        session.signIn(username, password);
    }

    /**
     * Rotates the token pair now. Normally unnecessary (requests refresh on their own when the access token
     * expires or is refused); useful after the app was in the background for long.
     *
     * @throws AuthenticationRequiredException when not signed in or the server refuses the refresh token
     */
    public void refresh() {
        session.refresh();
    }

    /** Forgets the tokens on this device. */
    public void signOut() {
        session.signOut();
    }

    public boolean isSignedIn() {
        return session.isSignedIn();
    }

    /**
     * Pushes journal writes; returns one result per item, in the order given. When the server answers 413 (too
     * many items or bytes) the batch is split in halves, recursively, and the results are joined in order.
     * Server-stamped fields of the items are not sent: the server ignores them anyway.
     *
     * <p>A result whose {@code status} is null carries a status this app version does not know (a newer
     * server): the outcome is unknown, so the item must stay pending in the journal.
     *
     * <p>If this throws part-way through a split batch, some halves may already be applied. Resending the same
     * items is safe: each write's {@code opId} makes a replay come back UNCHANGED with the original rev.
     *
     * @throws ApiException 413 when a single item alone is too large, or any other error answer
     * @throws AuthenticationRequiredException when the session cannot be renewed
     * @throws TransportException when no answer arrived
     * @throws UnexpectedResponseException when the results do not match the items
     */
    public List<PushResult> push(String deviceId, List<Observation> items) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(items, "items");
        if (items.isEmpty()) {
            return List.of();
        }
        List<Observation> payload = items.stream().map(Observation::withoutServerFields).toList();
        return pushBatch(deviceId, payload);
    }

    private List<PushResult> pushBatch(String deviceId, List<Observation> items) {
        // sentAt is stamped per request: the server estimates clock skew from receivedAt − sentAt.
        byte[] body = transport.json(new PushRequest(deviceId, OffsetDateTime.now(clock), items));
        Reply reply = session.send(token -> transport.post("api/v1/sync/push", body, token));
        if (reply.status() == 413) {
            if (items.size() == 1) {
                // Nothing left to split: this item alone exceeds the server's limit. The engine must set it aside.
                throw transport.error(reply);
            }
            int half = items.size() / 2;
            List<PushResult> results = new ArrayList<>(items.size());
            results.addAll(pushBatch(deviceId, items.subList(0, half)));
            results.addAll(pushBatch(deviceId, items.subList(half, items.size())));
            return results;
        }
        List<PushResult> results = transport.read(reply, PushResponse.class).results();
        checkMatches(items, results);
        return results;
    }

    /** A result attributed to the wrong journal item would mark it synced when it is not: refuse such answers. */
    private static void checkMatches(List<Observation> items, List<PushResult> results) {
        if (results.size() != items.size()) {
            throw new UnexpectedResponseException("The server returned " + results.size() + " results for "
                    + items.size() + " pushed items");
        }
        for (int i = 0; i < items.size(); i++) {
            PushResult result = results.get(i);
            if (result == null) {
                throw new UnexpectedResponseException("Result " + i + " is null");
            }
            // A REJECTED item whose id was unreadable comes back without one; otherwise ids must line up.
            if (result.id() != null && !result.id().equals(items.get(i).id())) {
                throw new UnexpectedResponseException("Result " + i + " is for " + result.id() + ", expected "
                        + items.get(i).id());
            }
        }
    }

    /**
     * Who the session belongs to ({@code GET /api/v1/auth/me}).
     *
     * @throws AuthenticationRequiredException when the session cannot be renewed
     */
    public SignedIn me() {
        Reply reply = session.send(token -> transport.get("api/v1/auth/me", token));
        com.fasterxml.jackson.databind.JsonNode me = transport.read(reply, com.fasterxml.jackson.databind.JsonNode.class);
        String username = me.path("username").asText(null);
        if (username == null) {
            throw new UnexpectedResponseException("The server did not say who is signed in");
        }
        return new SignedIn(username, me.path("role").asText(null), me.path("displayName").asText(username));
    }

    /**
     * Which of {@code hashes} the server does not hold yet ({@code POST /api/v1/attachments/missing}), in the
     * order asked. Asked in chunks the server accepts.
     */
    public List<String> missingPhotos(List<String> hashes) {
        Objects.requireNonNull(hashes, "hashes");
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < hashes.size(); from += MISSING_QUERY_CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + MISSING_QUERY_CHUNK));
            byte[] body = transport.json(java.util.Map.of("hashes", chunk));
            Reply reply = session.send(token -> transport.post("api/v1/attachments/missing", body, token));
            com.fasterxml.jackson.databind.JsonNode answer = transport.read(reply, com.fasterxml.jackson.databind.JsonNode.class);
            for (com.fasterxml.jackson.databind.JsonNode h : answer.path("missing")) {
                missing.add(h.asText());
            }
        }
        return missing;
    }

    /** Whether the server holds the photo ({@code HEAD /api/v1/attachments/{sha256}}). */
    public boolean hasPhoto(String sha256) {
        String path = "api/v1/attachments/" + checkedHash(sha256);
        Reply reply = session.send(token -> transport.head(path, token));
        if (reply.status() == 404) {
            return false;
        }
        if (!reply.isSuccess()) {
            throw transport.error(reply);
        }
        return true;
    }

    /**
     * Uploads one photo, streamed from {@code file} ({@code PUT /api/v1/attachments/{sha256}}). Idempotent: the
     * server answers 200 without rewriting when it already holds the hash, and an interrupted upload leaves
     * nothing under the hash, so resending after any failure is safe.
     *
     * @throws ApiException 413 (too large), 415 (not an accepted image) or 422 (hash mismatch, damaged image)
     */
    public void uploadPhoto(String sha256, String mediaType, java.nio.file.Path file) {
        String path = "api/v1/attachments/" + checkedHash(sha256);
        Reply reply = session.send(token -> {
            try {
                return transport.put(path, mediaType, java.net.http.HttpRequest.BodyPublishers.ofFile(file), token);
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalArgumentException("No photo file " + file, e);
            }
        });
        if (!reply.isSuccess()) {
            throw transport.error(reply);
        }
    }

    private static String checkedHash(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 hex digest: " + sha256);
        }
        return sha256;
    }

    /**
     * The user's offline map ({@code GET /api/v1/me/map-package}): its bytes, or empty when the server still holds
     * {@code version} (304), so an unchanged map costs one small request.
     */
    public java.util.Optional<byte[]> offlineMap(String version) {
        Reply reply = session.send(token -> {
            var request = java.net.http.HttpRequest.newBuilder(transport.get("api/v1/me/map-package", token), (n, v) -> true);
            if (version != null && version.matches("[0-9a-f]{64}")) {
                request.header("If-None-Match", "\"" + version + "\"");
            }
            return request.build();
        });
        if (reply.status() == 304) {
            return java.util.Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw transport.error(reply);
        }
        return java.util.Optional.of(reply.body());
    }

    /**
     * One page of changes after {@code cursor} ({@code null} = from the beginning).
     *
     * @throws CursorExpiredException 410: drop the cursor and resync from {@code null}
     */
    public PullResponse pull(String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        StringBuilder path = new StringBuilder("api/v1/sync/pull?limit=").append(limit);
        if (cursor != null && !cursor.isEmpty()) {
            path.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        String target = path.toString();
        Reply reply = session.send(token -> transport.get(target, token));
        if (reply.status() == 410) {
            throw new CursorExpiredException(transport.problem(reply));
        }
        PullResponse page = transport.read(reply, PullResponse.class);
        if (page.hasMore() && (page.next() == null || page.next().equals(cursor))) {
            // Following such a page would loop forever on the same position.
            throw new UnexpectedResponseException("The server says there is more but did not advance the cursor");
        }
        return page;
    }

    /** {@link #pullAll(String, int, Consumer)} with pages of {@value #DEFAULT_PULL_LIMIT}. */
    public String pullAll(String cursor, Consumer<Change> changes) {
        return pullAll(cursor, DEFAULT_PULL_LIMIT, changes);
    }

    /**
     * Pulls page after page until the server has no more, handing each change to {@code changes} in order;
     * returns the cursor to store for the next sync. Delivery is at-least-once: if this throws, pulling again
     * from the old cursor repeats changes already handed over (applying an UPSERT or REMOVE twice is harmless).
     *
     * @throws CursorExpiredException 410: drop the cursor and resync from {@code null}
     */
    public String pullAll(String cursor, int limit, Consumer<Change> changes) {
        Objects.requireNonNull(changes, "changes");
        String position = cursor;
        while (true) {
            PullResponse page = pull(position, limit);
            page.changes().forEach(changes);
            if (page.next() != null) {
                position = page.next();
            }
            if (!page.hasMore()) {
                return position;
            }
        }
    }
}
