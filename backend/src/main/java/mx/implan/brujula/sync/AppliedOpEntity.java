package mx.implan.brujula.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A device write already applied: replaying its opId returns {@link #result} instead of applying it again. */
@Entity
@Table(name = "applied_op")
public class AppliedOpEntity extends PanacheEntityBase {

    @Id
    @Column(name = "op_id")
    public UUID opId;
    @Column(name = "observation_id")
    public UUID observationId;
    public String actor;
    public String status;
    public Long rev;
    @JdbcTypeCode(SqlTypes.JSON)
    public String result;
    @Column(name = "applied_at")
    public OffsetDateTime appliedAt;
    /** Content hash of what the write carried; null on rows from before it was kept. */
    @Column(name = "content_hash")
    public String contentHash;
}
