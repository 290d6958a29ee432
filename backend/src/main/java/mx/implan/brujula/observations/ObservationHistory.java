package mx.implan.brujula.observations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.audit.AuditEntryEntity;
import mx.implan.brujula.audit.AuditView;
import mx.implan.brujula.auth.Actor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An observation's history: its revisions and every audit entry linked to it (status changes,
 * conflict resolutions, duplicate links, photo moderation, contact-data disclosures and
 * anonymisation — whatever feature wrote them). Staff (supervisors, admins) see it all. The
 * author sees their own observation's history without other people's personal data: other
 * people's names are left out and only the members below are shown from before/after.
 */
@ApplicationScoped
public class ObservationHistory {

    /** Before/after members an author may see: states and decisions, never names or contact data. */
    static final Set<String> AUTHOR_VISIBLE = Set.of("status", "rev", "resolution", "reason", "fields", "flag", "flags",
            "duplicateOf", "arco", "retention", "conflict", "observationId", "decision", "variant", "photo", "sha256");

    public record Revision(long rev, String change, String actor, OffsetDateTime at) {
    }

    public record History(List<Revision> revisions, List<AuditView> audit) {
    }

    public History of(ObservationEntity row, Actor viewer) {
        boolean staff = viewer.isSupervisor();
        List<Revision> revisions = ObservationRevisionEntity.history(row.id).stream()
                .map(r -> new Revision(r.rev, r.change, staff ? r.actor : shown(r.actor, viewer), r.createdAt)).toList();
        List<AuditView> audit = AuditEntryEntity.ofObservation(row.id).stream().map(AuditView::of)
                .map(a -> staff ? a : new AuditView(a.at(), shown(a.actor(), viewer), a.action(), a.entityType(),
                        visible(a.before()), visible(a.after())))
                .toList();
        return new History(revisions, audit);
    }

    /** The viewer's own name and system identities are not someone else's personal data. */
    private static String shown(String actor, Actor viewer) {
        if (actor == null || actor.equals(viewer.name()) || actor.startsWith("system:") || actor.startsWith("import:")) {
            return actor;
        }
        return null;
    }

    private static JsonNode visible(JsonNode state) {
        if (state == null || !state.isObject()) {
            return null;
        }
        ObjectNode kept = ((ObjectNode) state).deepCopy();
        kept.retain(AUTHOR_VISIBLE);
        return kept;
    }
}
