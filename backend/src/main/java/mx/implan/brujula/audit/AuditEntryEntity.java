package mx.implan.brujula.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Who changed what, when, with the state before and after. */
@Entity
@Table(name = "audit_log")
public class AuditEntryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public OffsetDateTime at;
    public String actor;
    public String action;
    @jakarta.persistence.Column(name = "entity_type")
    public String entityType;
    @jakarta.persistence.Column(name = "entity_id")
    public String entityId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String before;
    @JdbcTypeCode(SqlTypes.JSON)
    public String after;
    /** The observation this entry concerns, whatever the entity (see {@link AuditTrail#record}). */
    @jakarta.persistence.Column(name = "observation_id")
    public UUID observationId;

    public static List<AuditEntryEntity> of(String entityType, String entityId) {
        return list("entityType = ?1 and entityId = ?2 order by at, id", entityType, entityId);
    }

    /** Every entry about one observation, oldest first: status, conflicts, moderation, contact data… */
    public static List<AuditEntryEntity> ofObservation(UUID observationId) {
        return list("observationId = ?1 order by at, id", observationId);
    }
}
