package mx.implan.brujula.citizen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.AttachmentRows;
import mx.implan.brujula.attachments.UploadService;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.sync.PushContext;
import mx.implan.brujula.sync.PushService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an Open311 {@code POST requests} into an observation through the same push path devices
 * and importers use, then records what only citizen reports have. Retries never duplicate: an
 * {@code Idempotency-Key} returns the original answer (per account when signed in; an anonymous key
 * with the same form from any address), and the app's own observation id
 * ({@code attribute[observation_id]}) is the observation's identity.
 */
@ApplicationScoped
public class CitizenReportService {

    /** Severity a report gets when the citizen gives none (documented; staff adjust it in triage). */
    public static final int DEFAULT_SEVERITY = 3;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_IDEMPOTENCY_KEY = 200;
    /** What a report the server could not store now (a FAILED push result) asks the client to wait. */
    private static final long RETRY_AFTER_SECONDS = 5;
    /** Author prefix of anonymous reports: {@code citizen:anon:<random>}. */
    public static final String ANONYMOUS = "citizen:anon:";

    @Inject
    PushService push;
    @Inject
    CitizenReports reports;
    @Inject
    Open311Config config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    AttachmentRows attachments;
    @Inject
    UploadService uploads;

    /** Who is calling: a signed-in account, or anonymous with the device id / client address that scope its keys. */
    public record Caller(Actor account, String clientAddress) {
    }

    /** The answer and whether it is the original write (201) or a resend (200). */
    public record Outcome(CitizenReports.Answer answer, boolean created) {
    }

    public Outcome submit(Map<String, List<String>> form, Caller caller, String idempotencyKey, Locale locale) {
        return submit(form, List.of(), caller, idempotencyKey, locale);
    }

    /**
     * The same with photos that came inside the request: they are part of "the same body" for the
     * Idempotency-Key, and are stored (content-addressed, as a PUT stores them) only for a new report.
     */
    public Outcome submit(Map<String, List<String>> form, List<MediaPart> media, Caller caller, String idempotencyKey, Locale locale) {
        Open311Text t = new Open311Text(locale);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && (key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c > 32 && c < 127))) {
            throw Open311Error.badRequest(t.get("error.idempotencyKey"));
        }
        String scope = scope(form, caller);
        List<String> hashes = media.stream().map(MediaPart::sha256).toList();
        String bodyHash = ReportForm.hash(form, hashes);
        Optional<Outcome> replay = replay(scope, key, bodyHash, caller, t);
        if (replay.isPresent()) {
            return replay.get();
        }
        ReportForm report = ReportForm.parse(form, hashes, config, locale);
        requireOwnPhotos(report, caller, t);
        UUID id = report.observationId() != null ? report.observationId()
                // The body is part of the name: once the key's answer expired, the same key with
                // another body is a new report, while the same body still maps to the same one.
                // Anonymous keys are named by key and form alone, whatever the caller's address.
                : key != null ? Ids.nameBased("open311:" + (caller.account() == null ? "anonymous" : scope) + ":" + key + ":" + bodyHash)
                : Ids.newV7();
        Optional<Outcome> resend = resend(id, report, caller, t);
        if (resend.isPresent()) {
            // A concurrent retry may have recorded it since the first look; the report and its key's
            // answer commit together, so if the report is there, so is the answer.
            return replay(scope, key, bodyHash, caller, t).orElse(resend.get());
        }
        Actor author = caller.account() != null ? caller.account()
                : new Actor(ANONYMOUS + HexFormat.of().formatHex(randomBytes(12)), Set.of());
        // Before the observation, so that it never shows as waiting for its own photos.
        store(media, author);
        PushContext ctx = new PushContext(author, report.deviceId() == null ? "open311" : report.deviceId(), null,
                OffsetDateTime.now(ZoneOffset.UTC), locale);
        PushResult result = push.pushItem(ctx, item(id, report));
        if (result.status() == PushStatus.FAILED) {
            // The server could not apply it now and stored nothing of it: the client sends it again.
            throw Open311Error.unavailable(t.get("error.tryAgain", RETRY_AFTER_SECONDS), RETRY_AFTER_SECONDS);
        }
        if (result.status() != PushStatus.CREATED) {
            // A concurrent resend of the same observation won the race: once its report is recorded
            // (a moment after its observation), answer as a resend.
            for (int wait = 0; wait < 20 && reports.find(id).isEmpty(); wait++) {
                sleep();
            }
            replay = replay(scope, key, bodyHash, caller, t);
            if (replay.isPresent()) {
                return replay.get();
            }
            Optional<Outcome> again = resend(id, report, caller, t);
            if (again.isPresent()) {
                return again.get();
            }
            // Our own earlier write of this observation whose report was never recorded (the process
            // stopped between the two transactions): record it now, as its author.
            Optional<String> orphan = reports.unrecordedAuthor(id, opId(id));
            if (orphan.isPresent() && (caller.account() == null ? orphan.get().startsWith(ANONYMOUS)
                    : orphan.get().equals(caller.account().name()))) {
                return finish(id, report, orphan.get(), caller, scope, key, t);
            }
            throw result.status() == PushStatus.REJECTED
                    ? Open311Error.badRequest(rejection(result, t))
                    : new Open311Error(422, t.get("error.observationIdTaken"));
        }
        return finish(id, report, author.name(), caller, scope, key, t);
    }

    /** Records the report of observation {@code id}, just written by {@code author}, and makes the first answer. */
    private Outcome finish(UUID id, ReportForm report, String author, Caller caller, String scope, String key, Open311Text t) {
        String token = caller.account() == null ? Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)) : null;
        CitizenReports.Answer answer = new CitizenReports.Answer(id, token, null,
                caller.account() == null ? null : caller.account().name(), null);
        // "{0}" stays in the text: CitizenReports puts the linked report's id there once it knows it.
        String notice = t.get("notice.duplicate", config.duplicateRadiusM(), "{0}");
        return new Outcome(reports.record(id, report, author, token == null ? null : ReportForm.sha256(token),
                answer, scope, key, notice), true);
    }

    /** The write id of a report's observation: one per observation, so a resend is a replay, never a second write. */
    static UUID opId(UUID id) {
        return Ids.nameBased("open311:" + id);
    }

    /**
     * The original answer of this Idempotency-Key, if already recorded; 422 when the caller used it
     * for another request. An anonymous key is also matched with the same form sent from anywhere
     * (a phone that changed network): that answer names the public service_request_id only, never
     * the tracking token, which goes back only to the same device or address.
     */
    private Optional<Outcome> replay(String scope, String key, String bodyHash, Caller caller, Open311Text t) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return reports.idempotent(scope, key, bodyHash, caller.account() == null).map(a -> new Outcome(a, false));
        } catch (CitizenReports.IdempotencyMismatch e) {
            throw mismatch(t);
        }
    }

    /**
     * Photos on this server a report names by {@code media_url}: only its own sender's, that is
     * sent in this request ({@code media} parts) or uploaded earlier under the same account. A
     * hash learnt elsewhere (another user's photo) never enters a report, nor so its moderation.
     */
    private void requireOwnPhotos(ReportForm report, Caller caller, Open311Text t) {
        List<String> cited = report.photoSha256s().stream().filter(sha -> !report.media().contains(sha)).toList();
        if (cited.isEmpty()) {
            return;
        }
        if (caller.account() == null || !attachments.provenance(caller.account().name(), cited).allOwn()) {
            throw Open311Error.badRequest(t.get("error.photoNotYours"));
        }
    }

    /** The caller's scope for Idempotency-Key: the account, else the anonymous device id, else the client address. */
    static String scope(Map<String, List<String>> form, Caller caller) {
        if (caller.account() != null) {
            return "account:" + caller.account().name();
        }
        String device = ReportForm.one(form, "device_id");
        return device != null ? "device:" + device : "address:" + caller.clientAddress();
    }

    /** An observation id already reported: the same form is a resend (no token repeated), another form is 422. */
    private Optional<Outcome> resend(UUID id, ReportForm report, Caller caller, Open311Text t) {
        Optional<CitizenReports.Existing> existing = reports.find(id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!existing.get().bodyHash().equals(report.bodyHash())) {
            throw new Open311Error(422, t.get("error.observationIdReused"));
        }
        boolean sameAccount = caller.account() != null && caller.account().name().equals(existing.get().reporter());
        return Optional.of(new Outcome(new CitizenReports.Answer(id, null, null,
                sameAccount ? caller.account().name() : null, existing.get().duplicateOf()), false));
    }

    static Open311Error mismatch(Open311Text t) {
        return new Open311Error(422, t.get("error.idempotencyMismatch"));
    }

    private ObjectNode item(UUID id, ReportForm report) {
        ObjectNode item = WireJson.strict().createObjectNode();
        item.put("id", id.toString());
        item.put("opId", opId(id).toString());
        item.put("kind", report.service().kind().name());
        ObjectNode geometry = item.putObject("geometry");
        geometry.put("type", "Point");
        // An address-only report waits at the configured point, flagged, until staff place it.
        double[] at = report.needsLocation() ? unlocatedPoint() : new double[]{report.lon(), report.lat()};
        geometry.putArray("coordinates").add(at[0]).add(at[1]);
        item.put("capturedAt", OffsetDateTime.now(brujula.timezone()).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        if (report.deviceId() != null) {
            item.put("deviceId", report.deviceId());
        }
        if (report.description() != null) {
            item.put("notes", report.description());
        }
        item.put("baseRev", 0);
        ObjectNode attributes = item.putObject("attributes");
        attributes.put(report.service().attribute(), report.service().value());
        attributes.put(AttributeKeys.SEVERITY, report.severity() == null ? DEFAULT_SEVERITY : report.severity());
        if (report.severity() == null) {
            attributes.put("severitySource", "DEFAULT");
        }
        attributes.put("source", "open311");
        if (!report.photos().isEmpty()) {
            ArrayNode photos = item.putArray("photos");
            for (String sha : report.photos()) {
                ObjectNode photo = photos.addObject();
                photo.put("sha256", sha);
                // Open311 carries no media type: the stored upload knows it (typed from its bytes); a photo
                // referenced before it is uploaded is taken as JPEG, what the app sends.
                photo.put("mediaType", attachments.find(sha).map(AttachmentRows.Stored::mediaType).orElse("image/jpeg"));
            }
        }
        return item;
    }

    /** Stores the request's photos through the upload pipeline (a photo already stored is not rewritten), uploaded by the report's author. */
    private void store(List<MediaPart> media, Actor author) {
        for (MediaPart part : media) {
            try (InputStream in = part.source().open()) {
                uploads.upload(author, part.sha256(), in, part.inspected().bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Photo " + part.sha256() + " of the request could not be read back", e);
            }
        }
    }

    private double[] unlocatedPoint() {
        String[] lonLat = config.unlocatedPoint().split(",");
        return new double[]{Double.parseDouble(lonLat[0].strip()), Double.parseDouble(lonLat[1].strip())};
    }

    private static String rejection(PushResult result, Open311Text t) {
        String fields = result.errors() == null ? "" : String.join("; ", result.errors().stream()
                .map(e -> e.field() + ": " + e.message()).toList());
        return t.get("error.invalidRequest", fields);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
