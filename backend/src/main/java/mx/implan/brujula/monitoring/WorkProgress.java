package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.works.PlannedCurve;
import mx.implan.brujula.works.PublicWorkCatalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What supervisors read about works progress, computed when asked from the reports the projector keeps
 * and the catalogue's plan, so "today" is always today: one work's planned and actual series with its
 * visits, the board of every work with its figures, and the last progress the field app's work
 * documents carry.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class WorkProgress {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    static final String CURSOR_LIST = "works-progress";
    /** Catalogue fields repeated in every progress document. */
    private static final List<String> SUMMARY = List.of("id", "code", "name", "programme", "fund", "budgetMxn", "contractor",
            "plannedStart", "plannedEnd", "zoneId");

    /** A board request, already validated. */
    public record BoardQuery(Optional<String> programme, Optional<Boolean> delayed, int limit, Optional<String> afterCode) {
    }

    @Inject
    PublicWorkCatalogue catalogue;
    @Inject
    ProgressReports reports;
    @Inject
    MonitoringConfig config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    ObjectMapper json;
    @Inject
    UserService users;

    /**
     * Whether {@code reader} may follow this work: supervisors and admins every work, inspectors the
     * works inside their zones (what their pull delivers).
     */
    public boolean visibleTo(Actor reader, UUID workId) {
        if (reader.isSupervisor()) {
            return true;
        }
        return users.findByUsername(reader.name())
                .map(u -> catalogue.assignedTo(u.id).stream().anyMatch(w -> workId.toString().equals(w.path("id").asText())))
                .orElse(false);
    }

    /** One work's progress document, or empty for an unknown work. */
    public Optional<ObjectNode> of(UUID workId) {
        return catalogue.find(workId).map(work -> {
            List<ProgressReport> visits = reports.ofWork(workId);
            LocalDate today = today();
            ProgressFigures f = figures(work, visits, today);
            ObjectNode doc = json.createObjectNode();
            doc.set("work", summary(work));
            doc.set("planned", work.path("plannedCurve").deepCopy());
            ArrayNode actual = doc.putArray("actual");
            for (ProgressFigures.Point p : f.actual()) {
                actual.addObject().put("day", p.day().toString()).put("percent", plain(p.percent())).put("stage", p.stage())
                        .put("observationId", p.observationId().toString());
            }
            ArrayNode list = doc.putArray("visits");
            for (ProgressReport r : visits) {
                ObjectNode v = list.addObject();
                v.put("observationId", r.observationId().toString());
                v.put("capturedAt", r.capturedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                v.put("day", r.capturedAt().atZoneSameInstant(brujula.timezone()).toLocalDate().toString());
                v.put("percent", plain(r.percent()));
                v.put("stage", r.stage());
                v.put("author", r.author());
                ArrayNode photos = v.putArray("photos");
                r.photos().forEach(sha -> photos.add(thumbUrl(sha)));
            }
            figures(doc, f, today);
            return doc;
        });
    }

    /** Every work (by code) with its figures, filtered by programme and delay; keyset pages by code. */
    public Page<ObjectNode> board(BoardQuery q) {
        List<ObjectNode> works = new ArrayList<>();
        // Works are few (hundreds): the delay is computed for each, then filtered and paged here.
        String next;
        Optional<String> cursor = q.afterCode();
        do {
            Page<ObjectNode> page = catalogue.list(new PublicWorkCatalogue.Query(q.programme(), Optional.empty(),
                    PublicWorkCatalogue.MAX_LIMIT, cursor));
            works.addAll(page.items());
            next = page.next();
            cursor = next == null ? Optional.empty() : Optional.of(page.items().get(page.items().size() - 1).path("code").asText());
        } while (next != null);
        Map<UUID, List<ProgressReport>> byWork = reports.ofWorks(works.stream().map(w -> UUID.fromString(w.path("id").asText())).toList());
        LocalDate today = today();
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode work : works) {
            List<ProgressReport> visits = byWork.getOrDefault(UUID.fromString(work.path("id").asText()), List.of());
            ProgressFigures f = figures(work, visits, today);
            if (q.delayed().isPresent() && q.delayed().get() != f.delayed()) {
                continue;
            }
            ObjectNode row = json.createObjectNode();
            row.set("work", summary(work));
            row.put("visits", visits.size());
            ProgressReport last = visits.isEmpty() ? null : visits.get(visits.size() - 1);
            row.put("lastReportedAt", last == null ? null : last.capturedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            row.put("lastStage", last == null ? null : last.stage());
            figures(row, f, today);
            rows.add(row);
            if (rows.size() > q.limit()) {
                break;
            }
        }
        boolean more = rows.size() > q.limit();
        List<ObjectNode> items = more ? rows.subList(0, q.limit()) : rows;
        String nextCursor = more ? QueryParams.encodeCursor(CURSOR_LIST, items.get(items.size() - 1).path("work").path("code").asText()) : null;
        return new Page<>(List.copyOf(items), nextCursor);
    }

    /**
     * Adds the last reported progress to works' pull documents (the field app reads {@code lastProgressPercent},
     * {@code lastStage}, {@code lastReportedAt}): the latest WORKS_PROGRESS observation of each work; nulls when none.
     */
    public void annotate(Collection<ObjectNode> workDocs) {
        List<UUID> ids = workDocs.stream().map(d -> UUID.fromString(d.path("id").asText())).toList();
        Map<UUID, ProgressReport> latest = reports.latest(ids);
        for (ObjectNode doc : workDocs) {
            ProgressReport r = latest.get(UUID.fromString(doc.path("id").asText()));
            doc.put("lastProgressPercent", r == null ? null : plain(r.percent()));
            doc.put("lastStage", r == null ? null : r.stage());
            doc.put("lastReportedAt", r == null ? null : r.capturedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }

    /** The URL of a photo's thumbnail, as the photos API serves it (its access rules apply). */
    static String thumbUrl(String sha256) {
        return "/api/v1/attachments/" + sha256 + "?variant=thumb";
    }

    private ProgressFigures figures(ObjectNode work, List<ProgressReport> visits, LocalDate today) {
        return ProgressFigures.of(PlannedCurve.fromJson(work.get("plannedCurve")), visits, today, brujula.timezone(),
                config.delayThreshold());
    }

    private void figures(ObjectNode doc, ProgressFigures f, LocalDate today) {
        doc.put("today", today.toString());
        doc.put("plannedToday", f.plannedToday());
        doc.put("lastActual", plain(f.lastActual()));
        doc.put("delayPoints", f.delayPoints());
        doc.put("delayThreshold", config.delayThreshold());
        doc.put("delayed", f.delayed());
    }

    private ObjectNode summary(ObjectNode work) {
        ObjectNode s = json.createObjectNode();
        for (String field : SUMMARY) {
            JsonNode value = work.get(field);
            s.set(field, value == null ? json.nullNode() : value.deepCopy());
        }
        return s;
    }

    private LocalDate today() {
        return LocalDate.now(brujula.timezone());
    }

    /** 45.00 → 45, 45.50 → 45.5: percents as people write them. */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
