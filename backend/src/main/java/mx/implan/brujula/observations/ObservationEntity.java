package mx.implan.brujula.observations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.Geometry;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The current state of one observation. Its history lives in {@link ObservationRevisionEntity}. */
@Entity
@Table(name = "observation")
public class ObservationEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String kind;
    @Column(columnDefinition = "geometry(Geometry,4326)")
    public Geometry geom;
    @Column(name = "accuracy_m")
    public Double accuracyM;
    @Column(name = "captured_at")
    public OffsetDateTime capturedAt;
    /** The device's own offset, so capturedAt goes back out exactly as it came in. */
    @Column(name = "captured_offset")
    public String capturedOffset;
    @Column(name = "captured_at_precision")
    public String capturedAtPrecision;
    @Column(name = "clock_offset_s")
    public Long clockOffsetSeconds;
    @Column(name = "device_id")
    public String deviceId;
    public String notes;
    @JdbcTypeCode(SqlTypes.JSON)
    public String attributes;
    @JdbcTypeCode(SqlTypes.JSON)
    public String photos;
    public String status;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] flags;
    public String author;
    public long rev;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "area_m2")
    public Double areaM2;
    @Column(name = "public_work_id")
    public UUID publicWorkId;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static ObservationEntity lockForUpdate(UUID id) {
        return getEntityManager().find(ObservationEntity.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }
}
