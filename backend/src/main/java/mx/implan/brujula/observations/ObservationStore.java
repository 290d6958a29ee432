package mx.implan.brujula.observations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.events.Outbox;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.hash.ContentHash;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationStatus;
import org.hibernate.Session;
import org.locationtech.jts.geom.Coordinate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one writer of observations: every change of one — create, edit, merge, conflict resolution,
 * status, a flag set or cleared, staff placing a report — goes through here, in the caller's
 * transaction, and writes the row, its revision, its change-log row (through {@link ChangeLog})
 * and its outbox event (through {@link Outbox}) together, so none can exist without the others.
 * {@link #createAll} does the same for a push's new observations with JDBC batches, a handful of
 * round trips for the whole batch. Other features call it (sync, citizen) or fire events that
 * observations reacts to (attachments' photo arrivals).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ObservationStore {

    /** Changes that write new device-owned content. */
    private static final Set<RevisionChange> CONTENT = EnumSet.of(RevisionChange.EDIT, RevisionChange.MERGE,
            RevisionChange.RESOLUTION);
    static final String AGGREGATE = "observation";

    @Inject
    ChangeLog changeLog;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;

    /** Creates one observation (revision 1). */
    public Observation create(NewObservation n) {
        OffsetDateTime now = utcNow();
        ObservationEntity row = ObservationMapper.newRow(n, now);
        row.persist();
        return recordRevision(row, n.author(), n.opId(), RevisionChange.CREATE);
    }

    /**
     * Creates many observations whose ids are not taken yet, in order, with JDBC batches (the
     * rows, their revisions, change-log rows and outbox events: one batch each). If one id is
     * taken after all, the statement fails and the caller's transaction with it.
     */
    public List<Observation> createAll(List<NewObservation> items) {
        OffsetDateTime now = utcNow();
        List<ObservationRows.Insert> inserts = new ArrayList<>(items.size());
        List<Observation> stored = new ArrayList<>(items.size());
        List<ChangeLog.ObservationChange> changes = new ArrayList<>(items.size());
        List<Outbox.Event> events = new ArrayList<>(items.size());
        for (NewObservation n : items) {
            ObservationEntity row = ObservationMapper.newRow(n, now);
            // What the row reads back as, without parsing back the JSON just written for its columns.
            Observation wire = ObservationMapper.created(n, row);
            String doc = ObservationMapper.toJson(wire);
            inserts.add(new ObservationRows.Insert(row, n.opId(), RevisionChange.CREATE, doc));
            stored.add(wire);
            changes.add(new ChangeLog.ObservationChange(row.id, row.rev, row.author));
            events.add(new Outbox.Event(AGGREGATE, row.id.toString(), RevisionChange.CREATE.eventType(), doc));
        }
        if (!items.isEmpty()) {
            em.unwrap(Session.class).doWork(c -> ObservationRows.insertAll(c, inserts));
            changeLog.appendObservations(changes);
            outbox.appendAll(events);
        }
        return stored;
    }

    /** The observation, locked until the transaction ends (the base of a write), or empty when there is none. */
    public Optional<StoredObservation> lock(UUID id) {
        ObservationEntity row = ObservationEntity.lockForUpdate(id);
        return Optional.ofNullable(row)
                .map(r -> new StoredObservation(ObservationMapper.toWire(r), r.contentHash, r.clockOffsetSeconds));
    }

    /** New device-owned content ({@link RevisionChange#EDIT}, {@link RevisionChange#MERGE} or {@link RevisionChange#RESOLUTION}). */
    public Observation update(UUID id, ContentChange change, String actor, UUID opId, RevisionChange why) {
        if (!CONTENT.contains(why)) {
            throw new IllegalArgumentException(why + " is not a content change");
        }
        ObservationEntity row = locked(id);
        ObservationMapper.copyDeviceFields(change.content(), row);
        row.flags = ObservationMapper.flagNames(change.flags());
        row.areaM2 = change.areaM2();
        row.clockOffsetSeconds = change.clockOffsetSeconds();
        row.contentHash = change.contentHash();
        return revise(row, actor, opId, why);
    }

    /** Staff's status change (the caller checked the transition). */
    public Observation setStatus(UUID id, ObservationStatus status, String actor) {
        ObservationEntity row = locked(id);
        row.status = status.name();
        return revise(row, actor, null, RevisionChange.STATUS);
    }

    /** Sets {@code flag} (a new revision, {@link RevisionChange#FLAGS}) unless it is set already; returns the revision after. */
    public long setFlag(UUID id, Flag flag, String actor) {
        ObservationEntity row = locked(id);
        List<Flag> flags = new ArrayList<>(ObservationMapper.flags(row.flags));
        if (!flags.contains(flag)) {
            flags.add(flag);
            row.flags = ObservationMapper.flagNames(flags);
            revise(row, actor, null, RevisionChange.FLAGS);
        }
        return row.rev;
    }

    /** Clears {@code flag} (a new revision of kind {@code why}) when it is set; true when it was. */
    public boolean clearFlag(UUID id, Flag flag, String actor, RevisionChange why) {
        ObservationEntity row = locked(id);
        List<Flag> flags = new ArrayList<>(ObservationMapper.flags(row.flags));
        if (!flags.remove(flag)) {
            return false;
        }
        row.flags = ObservationMapper.flagNames(flags);
        revise(row, actor, null, why);
        return true;
    }

    /**
     * Staff give an observation its point (a citizen report that came with an address only, or a
     * pin to correct): the geometry is replaced, NEEDS_LOCATION cleared, an {@link RevisionChange#EDIT} revision by {@code actor}.
     */
    public Observation locate(UUID id, double lon, double lat, String actor) {
        ObservationEntity row = locked(id);
        row.geom = GeoJson.factory().createPoint(new Coordinate(lon, lat));
        List<Flag> flags = new ArrayList<>(ObservationMapper.flags(row.flags));
        flags.remove(Flag.NEEDS_LOCATION);
        row.flags = ObservationMapper.flagNames(flags);
        row.contentHash = ContentHash.of(ObservationMapper.toWire(row));
        return revise(row, actor, null, RevisionChange.EDIT);
    }

    private static ObservationEntity locked(UUID id) {
        // Already locked in this transaction as a rule (the caller read it with lock): no second round trip.
        ObservationEntity row = ObservationEntity.lockForUpdate(id);
        if (row == null) {
            throw new IllegalStateException("Observation " + id + " does not exist");
        }
        return row;
    }

    /** Bumps the revision of a locked row that was just modified. */
    private Observation revise(ObservationEntity row, String actor, UUID opId, RevisionChange why) {
        row.rev = row.rev + 1;
        row.updatedAt = utcNow();
        return recordRevision(row, actor, opId, why);
    }

    private Observation recordRevision(ObservationEntity row, String actor, UUID opId, RevisionChange why) {
        Observation current = ObservationMapper.toWire(row);
        String doc = ObservationMapper.toJson(current);
        ObservationRevisionEntity revision = new ObservationRevisionEntity();
        revision.observationId = row.id;
        revision.rev = row.rev;
        revision.opId = opId;
        revision.actor = actor;
        revision.change = why.name();
        revision.contentHash = row.contentHash;
        revision.doc = doc;
        revision.createdAt = row.updatedAt;
        revision.persist();
        changeLog.appendObservation(new ChangeLog.ObservationChange(row.id, row.rev, row.author));
        outbox.append(new Outbox.Event(AGGREGATE, row.id.toString(), why.eventType(), doc));
        return current;
    }

    private static OffsetDateTime utcNow() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
