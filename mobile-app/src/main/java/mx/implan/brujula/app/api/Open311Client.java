package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mx.implan.brujula.model.ClientVersion;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.sync.FieldError;
import org.locationtech.jts.geom.Point;

/**
 * Anonymous citizen reports through Open311 GeoReport v2: {@code POST /open311/v2/requests.json} with the
 * journal write's opId as {@code Idempotency-Key} and the observation id as {@code attribute[observation_id]},
 * so a resend after a lost answer returns the original answer (the same tracking token, in its header) and never a second
 * report; and the report's status through its tracking token. A report's photos travel inside it as
 * {@code multipart/form-data} {@code media} parts (an anonymous reporter may not PUT attachments), streamed from
 * the journal's photo files; the same write is resent as the same bytes, so the key replays the original answer.
 */
public final class Open311Client {

    private final URI baseUri;
    private final ApiTransport transport;

    public Open311Client(URI baseUri, ClientVersion version, Locale locale, Timeouts timeouts) {
        this.baseUri = BaseUriPolicy.check(baseUri);
        this.transport = new ApiTransport(this.baseUri, Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(locale, "locale"), Objects.requireNonNull(timeouts, "timeouts"));
    }

    /** The header that carries an anonymous report's tracking token. */
    static final String TRACKING_TOKEN = "Brujula-Tracking-Token";

    /** Most photos one report carries (the server's {@code brujula.open311.max-media} default). */
    public static final int MAX_MEDIA = 3;

    public URI baseUri() {
        return baseUri;
    }

    /** A photo of the report: its hash, type and the stored file it is streamed from. */
    public record Photo(String sha256, String mediaType, Path file) {
    }

    /** The server's answer to a report. {@code token} is null when the server gave none (a signed-in reporter). */
    public record Submitted(String serviceRequestId, String token) {
        @Override
        public String toString() {
            return "Submitted[serviceRequestId=" + serviceRequestId + "]";
        }
    }

    /** The report as staff see it: {@code open} or {@code closed}, with the server's note. */
    public record Status(String serviceRequestId, String status, String statusNotes) {
    }

    /** The server refused the report (the spec's 400 and friends); the reasons are the spec's descriptions. */
    public static final class ReportRejectedException extends SyncClientException {
        private final transient List<FieldError> errors;

        ReportRejectedException(int status, List<FieldError> errors) {
            super("Open311 refused the report (HTTP " + status + "): " + errors, null);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * Sends a report made from an observation (a point; other shapes are reported at their centroid).
     *
     * @throws ReportRejectedException 400/413/415/422: the report itself is wrong; resending cannot help
     * @throws TransportException      no answer: resend the same write later
     */
    public Submitted submit(Observation report, String deviceId) {
        return submit(report, deviceId, List.of());
    }

    /**
     * Sends a report with its photos (at most {@link #MAX_MEDIA}): form-encoded without photos, as the spec's
     * examples do; {@code multipart/form-data} with one {@code media} part per photo otherwise.
     *
     * @throws ReportRejectedException 400/413/415/422: the report (or a photo) itself is wrong; resending cannot help
     * @throws TransportException      no answer: resend the same write later
     */
    public Submitted submit(Observation report, String deviceId, List<Photo> photos) {
        if (photos.size() > MAX_MEDIA) {
            throw new IllegalArgumentException("At most " + MAX_MEDIA + " photos per report, not " + photos.size());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", serviceCode(report));
        Point at = report.geometry() instanceof Point p ? p : report.geometry().getCentroid();
        form.put("lat", Double.toString(at.getY()));
        form.put("long", Double.toString(at.getX()));
        if (report.notes() != null && !report.notes().isBlank()) {
            form.put("description", report.notes());
        }
        Object severity = report.attributesOrEmpty().get(AttributeKeys.SEVERITY);
        if (severity instanceof Number n) {
            form.put("attribute[severity]", Integer.toString(n.intValue()));
        }
        form.put("attribute[observation_id]", report.id().toString());
        if (deviceId != null) {
            form.put("device_id", deviceId);
        }
        Map<String, String> headers = Map.of("Idempotency-Key", report.opId().toString());
        Reply reply;
        if (photos.isEmpty()) {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
            reply = transport.send(transport.postForm("open311/v2/requests.json", body.toString(), headers, null));
        } else {
            // The boundary follows from the write, so a resend is the same bytes.
            Multipart body = new Multipart("brujula-" + report.opId());
            form.forEach(body::field);
            for (Photo photo : photos) {
                body.file("media", photo.sha256() + extension(photo.mediaType()), photo.mediaType(), photo.file());
            }
            reply = transport.send(transport.postBody("open311/v2/requests.json", body.contentType(), body.publisher(),
                    headers, null));
        }
        JsonNode first = firstOf(reply);
        // The server names the public service_request_id in the body and the tracking token in a header
        // (GeoReport v2 answers one or the other); older servers put the token in the body.
        String token = reply.headers().firstValue(TRACKING_TOKEN).orElse(first.path("token").asText(null));
        return new Submitted(first.path("service_request_id").asText(null), token);
    }

    /** The status of an anonymous report, found through its tracking token. */
    public Status status(String token) {
        Reply byToken = transport.send(transport.get("open311/v2/tokens/" + encode(token) + ".json", null));
        String id = firstOf(byToken).path("service_request_id").asText(null);
        if (id == null) {
            throw new UnexpectedResponseException("The token answer names no service request");
        }
        JsonNode request = firstOf(transport.send(transport.get("open311/v2/requests/" + encode(id) + ".json", null)));
        return new Status(id, request.path("status").asText(null), request.path("status_notes").asText(null));
    }

    private static String extension(String mediaType) {
        return switch (mediaType == null ? "" : mediaType) {
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/heic" -> ".heic";
            default -> ".jpg";
        };
    }

    static String serviceCode(Observation o) {
        Map<String, Object> a = o.attributesOrEmpty();
        if (o.kind() == ObservationKind.RISK) {
            return "RISK_" + a.get(AttributeKeys.HAZARD);
        }
        if (o.kind() == ObservationKind.URBAN_IMAGE) {
            return "URBAN_IMAGE_" + a.get(AttributeKeys.ISSUE);
        }
        throw new IllegalArgumentException("Citizens report risks and urban-image problems, not " + o.kind());
    }

    private JsonNode firstOf(Reply reply) {
        JsonNode body;
        try {
            body = reply.body() == null || reply.body().length == 0 ? null : transport.reader().readTree(reply.body());
        } catch (IOException e) {
            body = null;
        }
        if (reply.isSuccess()) {
            if (body == null || !body.isArray() || body.isEmpty()) {
                throw new UnexpectedResponseException("Unreadable Open311 answer (HTTP " + reply.status() + ")");
            }
            return body.get(0);
        }
        int s = reply.status();
        if (s == 400 || s == 413 || s == 415 || s == 422) {
            List<FieldError> errors = new ArrayList<>();
            if (body != null && body.isArray()) {
                for (JsonNode e : body) {
                    errors.add(new FieldError("", "OPEN311_" + e.path("code").asText(Integer.toString(s)),
                            e.path("description").asText("")));
                }
            }
            if (errors.isEmpty()) {
                errors.add(new FieldError("", "OPEN311_" + s, "HTTP " + s));
            }
            throw new ReportRejectedException(s, errors);
        }
        throw transport.error(reply);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
