package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.observations.ObservationStatusService;
import mx.implan.brujula.sync.PushContext;
import mx.implan.brujula.sync.PushService;
import mx.implan.brujula.testing.Items;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Field work for indicator tests, through the real write paths: the device push and staff triage. */
@ApplicationScoped
class Field {

    static final Actor INSPECTOR = new Actor("inspector-indicadores", Set.of(Roles.INSPECTOR));
    static final Actor SUPERVISOR = new Actor("supervisor-indicadores", Set.of(Roles.SUPERVISOR));

    @Inject
    PushService push;
    @Inject
    ObservationStatusService statuses;

    /** Pushes one item as the inspector and returns its result (whatever it is). */
    PushResult send(ObjectNode item) {
        PushContext ctx = new PushContext(INSPECTOR, "tab-indicadores", OffsetDateTime.now(ZoneOffset.UTC),
                OffsetDateTime.now(ZoneOffset.UTC), Locale.forLanguageTag("es"));
        return push.push(ctx, List.of(item)).get(0);
    }

    /** Pushes a new item or an edit and returns the revision it got. */
    long write(ObjectNode item) {
        PushResult r = send(item);
        assertThat(r.status()).as("%s", r).isIn(PushStatus.CREATED, PushStatus.UPDATED);
        return r.rev();
    }

    /** Staff set a status; returns the revision after. */
    long status(UUID id, ObservationStatus target, Actor actor) {
        return statuses.change(actor, id, target, null, "prueba de indicadores").observation().rev();
    }

    long status(UUID id, ObservationStatus target) {
        return status(id, target, SUPERVISOR);
    }

    static ObjectNode at(ObjectNode item, double[] lonLat, OffsetDateTime capturedAt) {
        item.set("geometry", Items.point(lonLat[0], lonLat[1]));
        item.put("capturedAt", capturedAt.toString());
        return item;
    }
}
