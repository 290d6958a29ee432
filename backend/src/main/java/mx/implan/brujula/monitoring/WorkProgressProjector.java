package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;
import mx.implan.brujula.events.InspectorFeed;
import mx.implan.brujula.events.ReferenceEvents;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.works.PublicWorkCatalogue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The works-progress read model: keeps every WORKS_PROGRESS observation's latest revision, re-evaluates
 * the delay of the works it concerns, and re-delivers those works to the devices that hold them (their
 * pull documents carry the last reported progress). A new plan ({@code work.upserted}) is evaluated too.
 */
@ApplicationScoped
public class WorkProgressProjector implements EventProjector {

    public static final String NAME = "works-progress";

    @Inject
    ProgressReports reports;
    @Inject
    WorkDelays delays;
    @Inject
    PublicWorkCatalogue catalogue;
    @Inject
    InspectorFeed inspectorFeed;
    @Inject
    ChangeLog changeLog;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        if (ReferenceEvents.WORK_UPSERTED.equals(event.type())) {
            return true;
        }
        return ChangeLog.OBSERVATION.equals(event.aggregateType()) && event.data() != null
                && ObservationKind.WORKS_PROGRESS.name().equals(event.data().path("kind").asText());
    }

    @Override
    public void apply(DomainEvent event) {
        if (ReferenceEvents.WORK_UPSERTED.equals(event.type())) {
            delays.evaluate(UUID.fromString(event.aggregateId()));
            return;
        }
        ProgressReport report = report(event.data());
        ProgressReports.Stored stored = reports.store(report);
        if (!stored.changed()) {
            return; // an older revision delivered late
        }
        Set<UUID> works = new LinkedHashSet<>();
        stored.previousWork().ifPresent(works::add);
        if (report.workId() != null) {
            works.add(report.workId());
        }
        for (UUID work : works) {
            catalogue.find(work).ifPresent(doc -> redeliver(work, doc));
            delays.evaluate(work);
        }
    }

    /** The work's pull document now shows other last progress: to the inspectors who hold it, and the shared feed. */
    private void redeliver(UUID work, ObjectNode doc) {
        changeLog.append(ChangeLog.WORK, work.toString(), "UPSERT", doc.path("rev").asLong(), null);
        inspectorFeed.workChanged(work);
    }

    static ProgressReport report(JsonNode o) {
        JsonNode a = o.path("attributes");
        List<String> photos = new ArrayList<>();
        for (JsonNode p : o.path("photos")) {
            if (p.path("sha256").isTextual()) {
                photos.add(p.get("sha256").asText());
            }
        }
        return new ProgressReport(UUID.fromString(o.path("id").asText()), uuid(a.path(AttributeKeys.PUBLIC_WORK_ID)),
                o.path("rev").asLong(), OffsetDateTime.parse(o.path("capturedAt").asText()),
                a.path(AttributeKeys.PROGRESS_PERCENT).isNumber() ? a.get(AttributeKeys.PROGRESS_PERCENT).decimalValue() : null,
                a.path(AttributeKeys.STAGE).asText(null), o.path("author").asText(""), o.path("status").asText(""), photos);
    }

    private static UUID uuid(JsonNode value) {
        try {
            return value.isTextual() ? UUID.fromString(value.asText()) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
