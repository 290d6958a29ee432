package mx.implan.brujula.events;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Outbox events of reference data, appended in the writer's transaction like observations' are.
 * Today: the works catalogue ({@code work.upserted} on the {@code work-events} channel), so
 * consumers (works monitoring, investment indicators) follow a work's plan, budget and place.
 */
@ApplicationScoped
public class ReferenceEvents {

    public static final String WORK_UPSERTED = "work.upserted";

    @Inject
    Outbox outbox;

    /** A public work was created or changed; {@code state} is its wire form after the change (with rev). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void workUpserted(UUID workId, JsonNode state) {
        outbox.append(new Outbox.Event(ChangeLog.WORK, workId.toString(), WORK_UPSERTED, state.toString()));
    }
}
