package mx.implan.brujula.zones;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.MultiPolygon;

import java.time.OffsetDateTime;

/**
 * A zone (municipality, locality or AGEB) keyed by its INEGI CVEGEO. Read-only for Hibernate: every
 * write goes through {@link ZoneService#upsert}, which also bumps {@code rev} and appends the change
 * log in the same statement, so no code path can change a zone without devices hearing about it.
 */
@Entity
@Immutable
@Table(name = "zone")
public class Zone extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "zone_type")
    public ZoneType type;

    public String name;

    @Column(name = "parent_id")
    public String parentId;

    /** Censo 2020 POBTOT. */
    public Integer population;

    @Column(name = "area_km2")
    public Double areaKm2;

    /** The source attributes not mapped to columns (CVE_*, IM_2020, GM_2020, …), as JSON text. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String properties;

    @Column(columnDefinition = "geometry(MultiPolygon,4326)")
    public MultiPolygon geom;

    public long rev;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
