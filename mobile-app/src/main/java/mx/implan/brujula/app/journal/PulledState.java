package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.works.PlanPoint;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What pull brings, per user: the server's word on their observations (status changes, captures from another
 * tablet), the works assigned to them, and the cursor to go on from.
 */
final class PulledState implements PulledChanges {

    private static final System.Logger LOG = System.getLogger(PulledState.class.getName());

    private final EntryStore store;
    private final OfflineMaps maps;
    private final Clock clock;

    PulledState(EntryStore store, OfflineMaps maps, Clock clock) {
        this.store = store;
        this.maps = maps;
        this.clock = clock;
    }

    @Override
    public String pullCursor(String owner) {
        OwnerState s = store.owner(owner);
        return s == null ? null : s.cursor();
    }

    @Override
    public void resetPull(String owner) {
        synchronized (store.writeLock) {
            store.put(OwnerState.empty(owner));
        }
        store.changed(false);
    }

    @Override
    public void applyPull(String owner, List<Change> changes, String next) {
        synchronized (store.writeLock) {
            OwnerState state = store.owner(owner) == null ? OwnerState.empty(owner) : store.owner(owner);
            Map<UUID, AssignedWork> works = new LinkedHashMap<>();
            state.works().forEach(w -> works.put(w.id(), w));
            for (Change c : changes) {
                if (c == null || c.type() == null || c.op() == null) {
                    continue; // a change type this app does not know
                }
                if (c.type() == ChangeType.ZONE || c.type() == ChangeType.ASSIGNMENT) {
                    // The user's zones or their shapes changed: the offline map is fetched again after this pull.
                    maps.markStale(owner);
                } else if (c.type() == ChangeType.OBSERVATION) {
                    pulledObservation(owner, c);
                } else if (c.type() == ChangeType.WORK) {
                    UUID id = uuid(c.id());
                    if (id == null) {
                        continue;
                    }
                    if (c.op() == ChangeOp.REMOVE) {
                        works.remove(id);
                    } else if (c.data() != null) {
                        works.put(id, work(id, c.data()));
                    }
                }
            }
            store.put(new OwnerState(owner, next, List.copyOf(works.values())));
        }
        store.changed(false);
    }

    private void pulledObservation(String owner, Change c) {
        UUID id = uuid(c.id());
        if (id == null) {
            return;
        }
        StoredEntry e = store.get(id);
        if (c.op() == ChangeOp.REMOVE) {
            if (e != null && e.owner().equals(owner) && !e.hasLocalWork()) {
                store.delete(e);
            }
            return;
        }
        Observation data;
        try {
            data = store.json().treeToValue(c.data(), Observation.class);
        } catch (IOException | IllegalArgumentException ex) {
            LOG.log(System.Logger.Level.WARNING, "Skipping an unreadable pulled observation " + id + ": " + ex);
            return;
        }
        if (data == null || data.id() == null) {
            return;
        }
        if (e == null) {
            // Captured on another device (or before a reinstall) by this user: the device learns it as synced.
            if (!owner.equals(data.author())) {
                return; // supervisors pull everyone's work; their journal keeps their own
            }
            store.put(new StoredEntry(id, owner, Versions.deviceCopy(data), data, EntryState.SYNCED,
                    List.of(), List.of(), null, data.receivedAt() == null ? clock.instant() : data.receivedAt().toInstant(),
                    null, null));
            return;
        }
        if (!e.owner().equals(owner)) {
            return;
        }
        long known = e.server() == null || e.server().rev() == null ? 0 : e.server().rev();
        long pulled = data.rev() == null ? 0 : data.rev();
        if (pulled < known) {
            return; // an older state delivered late
        }
        if (e.hasLocalWork()) {
            // The pending edit names its own baseRev; only what the server alone owns is refreshed for display.
            if (e.server() != null) {
                store.put(e.toBuilder().server(e.server().toBuilder().status(data.status()).flags(data.flags())
                        .build()).build());
            }
            return;
        }
        store.put(e.toBuilder().server(data).local(Versions.deviceCopy(data)).build());
    }

    /** Works assigned to the owner, by name. */
    List<AssignedWork> works(String owner) {
        OwnerState state = store.owner(owner);
        if (state == null) {
            return List.of();
        }
        return state.works().stream()
                .map(w -> withLastProgress(owner, w))
                .sorted(Comparator.comparing(AssignedWork::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)))
                .toList();
    }

    Optional<AssignedWork> work(UUID workId) {
        for (OwnerState state : store.owners()) {
            for (AssignedWork w : state.works()) {
                if (w.id().equals(workId)) {
                    return Optional.of(withLastProgress(state.owner(), w));
                }
            }
        }
        return Optional.empty();
    }

    /** The newest progress this device knows: the server's, or the owner's own report if newer. */
    private AssignedWork withLastProgress(String owner, AssignedWork w) {
        StoredEntry latest = null;
        for (StoredEntry e : store.all()) {
            Observation o = e.local();
            if (e.owner().equals(owner) && o.kind() == ObservationKind.WORKS_PROGRESS
                    && w.id().toString().equals(String.valueOf(o.attributesOrEmpty().get(AttributeKeys.PUBLIC_WORK_ID)))
                    && o.capturedAt() != null
                    && (latest == null || o.capturedAt().isAfter(latest.local().capturedAt()))) {
                latest = e;
            }
        }
        if (latest == null || (w.lastReportedAt() != null && !latest.local().capturedAt().isAfter(w.lastReportedAt()))) {
            return w;
        }
        Map<String, Object> a = latest.local().attributesOrEmpty();
        Object percent = a.get(AttributeKeys.PROGRESS_PERCENT);
        Object stage = a.get(AttributeKeys.STAGE);
        return w.withProgress(percent instanceof Number n ? n.intValue() : w.lastProgressPercent(),
                stage == null ? w.lastStage() : stage.toString(), latest.local().capturedAt());
    }

    private static AssignedWork work(UUID id, JsonNode d) {
        Integer percent = d.hasNonNull("lastProgressPercent") ? d.get("lastProgressPercent").asInt() : null;
        OffsetDateTime reportedAt = null;
        if (d.hasNonNull("lastReportedAt")) {
            try {
                reportedAt = OffsetDateTime.parse(d.get("lastReportedAt").asText());
            } catch (RuntimeException ignored) {
                // a newer server's format: shown without a date
            }
        }
        org.locationtech.jts.geom.Geometry geometry = null;
        if (d.hasNonNull("geometry")) {
            try {
                geometry = GeoJson.read(d.get("geometry"));
            } catch (RuntimeException ignored) {
                // a work without a readable geometry is still listed
            }
        }
        return new AssignedWork(id, text(d, "code"), text(d, "name"), text(d, "status"), geometry, percent,
                text(d, "lastStage"), reportedAt, plan(d));
    }

    /** The catalogue's side of a work; a field a newer or older server spells otherwise is left out, never fatal. */
    private static AssignedWork.Plan plan(JsonNode d) {
        List<PlanPoint> curve = new ArrayList<>();
        for (JsonNode p : d.path("plannedCurve")) {
            LocalDate date = date(p, "date");
            if (date != null && p.path("percent").isNumber()) {
                curve.add(new PlanPoint(date, p.path("percent").asDouble()));
            }
        }
        return new AssignedWork.Plan(text(d, "programme"), text(d, "contractor"), date(d, "plannedStart"),
                date(d, "plannedEnd"), curve);
    }

    private static LocalDate date(JsonNode d, String field) {
        try {
            return d.hasNonNull(field) ? LocalDate.parse(d.get(field).asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
