package mx.implan.brujula.ogc.layers;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

/** A table of schema {@code layers} an administrator published as an OGC collection. */
@Entity
@Table(name = "reference_layer")
public class ReferenceLayer extends PanacheEntityBase {

    /** The collection id (a slug). */
    @Id
    public String id;
    @Column(name = "table_name")
    public String tableName;
    public String title;
    public String description;
    /** PUBLIC or STAFF ({@link mx.implan.brujula.ogc.OgcCollection.Audience}). */
    public String audience;
    @Column(name = "time_column")
    public String timeColumn;
    @Column(name = "geometry_column")
    public String geometryColumn;
    @Column(name = "geometry_type")
    public String geometryType;
    public int srid;
    @Column(name = "id_column")
    public String idColumn;
    @Column(name = "id_type")
    public String idType;
    @Column(name = "registered_by")
    public String registeredBy;
    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static List<ReferenceLayer> inOrder() {
        return list("order by id");
    }

    public static ReferenceLayer ofTable(String table) {
        return find("tableName", table).firstResult();
    }
}
