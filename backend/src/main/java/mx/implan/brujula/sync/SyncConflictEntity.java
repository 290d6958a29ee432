package mx.implan.brujula.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The same field changed on the device and on the server: kept until the author or a supervisor decides. */
@Entity
@Table(name = "sync_conflict")
public class SyncConflictEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "observation_id")
    public UUID observationId;
    public String author;
    @Column(name = "op_id")
    public UUID opId;
    @Column(name = "base_rev")
    public long baseRev;
    @Column(name = "server_rev")
    public long serverRev;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] fields;
    /** The device's version as pushed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String mine;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public String resolution;

    public static List<SyncConflictEntity> openFor(UUID observationId) {
        return list("observationId = ?1 and resolvedAt is null order by createdAt", observationId);
    }
}
