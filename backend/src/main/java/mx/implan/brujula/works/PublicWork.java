package mx.implan.brujula.works;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.Geometry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * An entry of the public works catalogue (obra pública). The id is derived from the code
 * ({@code Ids.nameBased("work:" + code)}) so the same catalogue imported anywhere yields the same ids.
 * Written only through {@link PublicWorkCatalogue#upsert}, which keeps rev, change log and audit in step.
 */
@Entity
@Table(name = "public_work")
public class PublicWork extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;

    public String programme;

    public String fund;

    @Column(name = "budget_mxn")
    public BigDecimal budgetMxn;

    public String contractor;

    @Column(name = "planned_start")
    public LocalDate plannedStart;

    @Column(name = "planned_end")
    public LocalDate plannedEnd;

    /** JSON list of {date, percent}; text here so the JSON shape is ours, not a format mapper's. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "planned_curve")
    public String plannedCurve;

    public String description;

    /** The zone containing the work's centroid (AGEB when there is one). */
    @Column(name = "zone_id")
    public String zoneId;

    /** Point, LineString or Polygon in WGS84. */
    @Column(columnDefinition = "geometry(Geometry,4326)")
    public Geometry geom;

    public long rev;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<PublicWork> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
