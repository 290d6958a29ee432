package mx.implan.brujula.citizen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.config.BrujulaConfig;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The GeoReport v2 documents, built as JSON trees in the spec's member order ({@link Open311Format}
 * derives the XML). Only public fields: nothing here reads personal data.
 */
@ApplicationScoped
public class GeoReportDocuments {

    public static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    static final String CHANGESET = "2026-11-25T00:00:00-07:00";

    @Inject
    Open311Config config;
    @Inject
    BrujulaConfig brujula;

    public ObjectNode discovery(Open311Text t) {
        ObjectNode d = Open311Format.object();
        d.put("changeset", CHANGESET);
        d.put("contact", config.contact());
        d.put("key_service", t.get("discovery.keyService"));
        d.put("privacy_notice", base() + PrivacyNoticeResource.PATH);
        ArrayNode endpoints = d.putArray("endpoints");
        ObjectNode endpoint = endpoints.addObject();
        endpoint.put("specification", SPEC);
        endpoint.put("url", base() + "/open311/v2");
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.putArray("formats").add("text/xml").add("application/json");
        return d;
    }

    public List<ObjectNode> services(Open311Text t) {
        return ServiceCatalogue.all().stream().map(s -> {
            ObjectNode n = Open311Format.object();
            n.put("service_code", s.code());
            n.put("service_name", s.name(t.locale()));
            n.put("description", s.description(t.locale()));
            n.put("metadata", true);
            n.put("type", "realtime");
            n.put("keywords", s.keywords());
            n.put("group", s.group(t.locale()));
            return n;
        }).toList();
    }

    public ObjectNode serviceDefinition(ServiceCatalogue.Service s, Open311Text t) {
        ObjectNode d = Open311Format.object();
        d.put("service_code", s.code());
        ArrayNode attributes = d.putArray("attributes");
        ObjectNode severity = attribute(attributes, "severity", "singlevaluelist", 1,
                t.get("definition.severity.datatypeDescription"), t.get("definition.severity.description"));
        ArrayNode values = severity.putArray("values");
        for (int key = 1; key <= 5; key++) {
            values.addObject().put("key", String.valueOf(key)).put("name", t.get("definition.severity." + key));
        }
        attribute(attributes, "observation_id", "string", 2,
                t.get("definition.observationId.datatypeDescription"), t.get("definition.observationId.description"));
        return d;
    }

    /** One optional, variable attribute of a service definition, in the spec's member order. */
    private static ObjectNode attribute(ArrayNode attributes, String code, String datatype, int order,
                                        String datatypeDescription, String description) {
        ObjectNode a = attributes.addObject();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", datatype);
        a.put("required", false);
        a.put("datatype_description", datatypeDescription);
        a.put("order", order);
        a.put("description", description);
        return a;
    }

    /**
     * The answer to a POST: the request's public id, known at once, so no token (the spec returns
     * one or the other); an anonymous reporter's tracking token travels in a header instead.
     */
    public ObjectNode created(CitizenReports.Answer a) {
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", a.serviceRequestId().toString());
        n.put("service_notice", a.serviceNotice());
        n.put("account_id", a.accountId());
        return n;
    }

    public ObjectNode token(String serviceRequestId, String token) {
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", serviceRequestId);
        n.put("token", token);
        return n;
    }

    public ObjectNode request(CitizenReportQuery.Row r, Open311Text t) {
        ServiceCatalogue.Service s = ServiceCatalogue.find(r.serviceCode()).orElse(null);
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", r.id().toString());
        n.put("status", CitizenReports.OPEN_STATUSES.contains(r.status()) ? "open" : "closed");
        n.put("status_notes", StatusNotes.of(r.status(), r.duplicateOf(), t));
        n.put("service_name", s == null ? r.serviceCode() : s.name(t.locale()));
        n.put("service_code", r.serviceCode());
        n.put("description", r.description());
        n.put("agency_responsible", t.get("request.agency"));
        n.putNull("service_notice");
        n.put("requested_datetime", w3c(r.requestedAt()));
        n.put("updated_datetime", w3c(r.updatedAt()));
        n.putNull("expected_datetime");
        n.put("address", r.address());
        n.put("address_id", r.addressId());
        n.putNull("zipcode");
        // An address-only report has no point of its own until staff place it: no placeholder is shown.
        if (r.needsLocation()) {
            n.putNull("lat");
            n.putNull("long");
        } else {
            n.put("lat", r.lat());
            n.put("long", r.lon());
        }
        // Citizen media are published only after a supervisor approves them: a photo only as its
        // public variant (no EXIF GPS), else an approved external link.
        if (r.publicPhoto() != null) {
            n.put("media_url", base() + "/api/v1/attachments/" + r.publicPhoto() + "?variant=public");
        } else {
            n.put("media_url", r.publicLink());
        }
        return n;
    }

    /**
     * One of mySociety's service request updates (what FixMyStreet polls): a status change, with
     * the status in mySociety's extended words, our own status as {@code external_status_code},
     * and no media ({@code ""}: FixMyStreet would fetch a non-empty one as the update's photo).
     */
    public ObjectNode update(CitizenReportQuery.Update u, Open311Text t) {
        ObjectNode n = Open311Format.object();
        n.put("update_id", u.id() + "-" + u.rev());
        n.put("service_request_id", u.id().toString());
        n.put("status", UpdateStatus.of(u.status()));
        n.put("updated_datetime", w3c(u.at()));
        n.put("description", StatusNotes.of(u.status(), u.duplicateOf(), t));
        n.put("media_url", "");
        n.put("external_status_code", u.status());
        return n;
    }

    /** W3C date-time in the municipality's offset, to the second, as the spec's examples write them. */
    String w3c(OffsetDateTime t) {
        return t.atZoneSameInstant(brujula.timezone()).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    String base() {
        String b = config.publicBaseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
