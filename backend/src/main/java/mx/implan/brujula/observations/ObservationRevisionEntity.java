package mx.implan.brujula.observations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One state an observation had: the base of three-way merges and the history staff read. */
@Entity
@Table(name = "observation_revision")
@IdClass(ObservationRevisionEntity.Key.class)
public class ObservationRevisionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "observation_id")
    public UUID observationId;
    @Id
    public long rev;
    @Column(name = "op_id")
    public UUID opId;
    public String actor;
    /** CREATE, EDIT, MERGE, STATUS or RESOLUTION. */
    public String change;
    @Column(name = "content_hash")
    public String contentHash;
    @JdbcTypeCode(SqlTypes.JSON)
    public String doc;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Optional<ObservationRevisionEntity> find(UUID observationId, long rev) {
        return find("observationId = ?1 and rev = ?2", observationId, rev).firstResultOptional();
    }

    public static List<ObservationRevisionEntity> history(UUID observationId) {
        return list("observationId = ?1 order by rev", observationId);
    }

    /** Composite key (observation_id, rev). */
    public static class Key implements Serializable {
        public UUID observationId;
        public long rev;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && rev == k.rev && java.util.Objects.equals(observationId, k.observationId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(observationId, rev);
        }
    }
}
