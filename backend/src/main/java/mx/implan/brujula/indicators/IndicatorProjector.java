package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the computed indicators up to date from observation events. Each event's payload is the
 * observation's whole state at a revision: it replaces the observation's stored contribution when
 * newer (an older or repeated revision changes nothing), and the cells the old and the new
 * contribution fall in — their zones and every ancestor, in their periods — are derived again from
 * the contributions. So an edit that moves a report moves its count, a status change moves it
 * between open and closed, and {@link IndicatorRecompute} from the observation table gives the
 * same values.
 */
@ApplicationScoped
public class IndicatorProjector implements EventProjector {

    public static final String NAME = "indicators";
    private static final Set<String> KINDS = Set.of("RISK", "GREEN_AREA", "URBAN_IMAGE", "WORKS_PROGRESS");

    @Inject
    EntityManager em;
    @Inject
    Contributions contributions;
    @Inject
    IndicatorLock lock;
    @Inject
    BrujulaConfig brujula;
    @Inject
    UrbanImageFigures urbanImage;
    @Inject
    RiskFigures risks;
    @Inject
    GreenAreaFigures greenAreas;
    @Inject
    WorksFigures works;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        JsonNode d = event.data();
        return "observation".equals(event.aggregateType()) && d != null && KINDS.contains(d.path("kind").asText())
                && d.path("id").isTextual() && d.path("rev").canConvertToLong() && d.path("geometry").isObject()
                && d.path("capturedAt").isTextual() && d.path("status").isTextual();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DomainEvent event) {
        applyAll(List.of(event));
    }

    /** Stores every event's contribution, then derives the cells they left or entered once for the lot. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<DomainEvent> events) {
        lock.live();
        // The newest state of each observation in the lot: the ones before it never reach the figures.
        Map<UUID, Contributions.Source> newest = new LinkedHashMap<>();
        for (DomainEvent event : events) {
            Contributions.Source s = source(event.data());
            newest.merge(s.id(), s, (a, b) -> a.rev() >= b.rev() ? a : b);
        }
        Map<UUID, Contributions.Stored> before = contributions.find(Tables.LIVE, newest.keySet());
        // A redelivery, or an older state than the one applied, changes nothing.
        List<Contributions.Source> newer = newest.values().stream()
                .filter(s -> !before.containsKey(s.id()) || before.get(s.id()).rev() < s.rev()).toList();
        if (newer.isEmpty()) {
            return;
        }
        contributions.apply(Tables.LIVE, newer);
        Map<UUID, Contributions.Stored> after = contributions.find(Tables.LIVE, newer.stream().map(Contributions.Source::id).toList());
        Map<String, Touched> touched = new LinkedHashMap<>();
        for (Contributions.Source s : newer) {
            Contributions.Row was = before.containsKey(s.id()) ? before.get(s.id()).row() : null;
            Contributions.Row is = after.get(s.id()).row();
            if (was != null && was.sameFigures(is)) {
                continue; // e.g. a flag or a note changed: no figure moves
            }
            for (Contributions.Row r : new Contributions.Row[]{was, is}) {
                if (r != null) {
                    touched.computeIfAbsent(r.kind(), k -> new Touched()).add(r);
                }
            }
        }
        touched.forEach(this::derive);
    }

    /** Where a kind's figures moved: the zones and capture days of the contributions that changed. */
    private static final class Touched {
        final Set<String> zones = new LinkedHashSet<>();
        final Set<LocalDate> days = new LinkedHashSet<>();

        void add(Contributions.Row r) {
            if (r.zoneId() != null) {
                zones.add(r.zoneId());
                days.add(r.capturedOn());
            }
        }
    }

    /** Rewrites the cells of the kind that contributions left or entered. */
    private void derive(String kind, Touched t) {
        LocalDate today = LocalDate.now(brujula.timezone());
        List<String> cellZones = ancestors(t.zones);
        switch (kind) {
            case "URBAN_IMAGE" -> urbanImage.write(em, Tables.LIVE,
                    Scope.of(cellZones, t.days.stream().map(PeriodType.QUARTER::start).distinct().toList()), today);
            case "RISK" -> risks.write(em, Tables.LIVE, Scope.of(cellZones, List.of(PeriodType.MONTH.start(today))), today);
            case "GREEN_AREA" -> greenAreas.write(em, Tables.LIVE, Scope.of(cellZones, List.of(PeriodType.YEAR.start(today))), today);
            // Few works, and a report moves the figures of its work's catalogue zone, not of where it was taken.
            case "WORKS_PROGRESS" -> works.write(em, Tables.LIVE, Scope.everything(), today);
            default -> {
                // accepts() lets no other kind through
            }
        }
    }

    private List<String> ancestors(Set<String> zones) {
        if (zones.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT DISTINCT ancestor_id FROM zone_ancestor WHERE zone_id IN (:zones)")
                .setParameter("zones", zones).getResultList();
        return ids;
    }

    static Contributions.Source source(JsonNode d) {
        JsonNode attributes = d.path("attributes");
        JsonNode area = d.path("areaM2");
        return new Contributions.Source(UUID.fromString(d.path("id").asText()), d.path("rev").asLong(),
                d.path("kind").asText(), d.path("status").asText(), d.path("geometry").toString(),
                d.path("capturedAt").asText(), attributes.isObject() ? attributes.toString() : "{}",
                area.isNumber() ? area.doubleValue() : null);
    }
}
