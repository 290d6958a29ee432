package mx.implan.brujula.observations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.events.Outbox;
import mx.implan.brujula.model.observation.Observation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Every write to an observation goes through here, so each state gets its revision, its pull
 * change and its outbox event in the same transaction — none can exist without the others.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ObservationStore {

    public static final String CREATE = "CREATE";
    public static final String EDIT = "EDIT";
    public static final String MERGE = "MERGE";
    public static final String STATUS = "STATUS";
    public static final String RESOLUTION = "RESOLUTION";
    /** The last missing photo arrived: the INCOMPLETE flag is gone. */
    public static final String PHOTOS = "PHOTOS";

    @Inject
    ChangeLog changeLog;
    @Inject
    Outbox outbox;

    public Observation insert(ObservationEntity row, String actor, UUID opId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        row.rev = 1;
        row.receivedAt = row.receivedAt == null ? now : row.receivedAt;
        row.updatedAt = now;
        row.persist();
        return recordRevision(row, actor, opId, CREATE, "observation.created");
    }

    /** Bumps the revision of an already-modified, locked row. */
    public Observation update(ObservationEntity row, String actor, UUID opId, String change) {
        row.rev = row.rev + 1;
        row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String event = STATUS.equals(change) ? "observation.status-changed" : "observation.updated";
        return recordRevision(row, actor, opId, change, event);
    }

    private Observation recordRevision(ObservationEntity row, String actor, UUID opId, String change, String event) {
        Observation current = ObservationMapper.toWire(row);
        String doc = ObservationMapper.toJson(current);
        ObservationRevisionEntity revision = new ObservationRevisionEntity();
        revision.observationId = row.id;
        revision.rev = row.rev;
        revision.opId = opId;
        revision.actor = actor;
        revision.change = change;
        revision.contentHash = row.contentHash;
        revision.doc = doc;
        revision.createdAt = row.updatedAt;
        revision.persist();
        changeLog.append(ChangeLog.OBSERVATION, row.id.toString(), "UPSERT", row.rev, row.author);
        outbox.append("observation", row.id.toString(), event, doc);
        return current;
    }
}
