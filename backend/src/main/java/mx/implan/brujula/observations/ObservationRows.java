package mx.implan.brujula.observations;

import org.locationtech.jts.io.WKBWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * New observation rows and their first revisions as JDBC batches: {@link ObservationStore#createAll}'s
 * statements, kept batch-shaped (one statement per table, one batch each) so that multi-row
 * inserts can replace them without touching the callers.
 */
final class ObservationRows {

    private static final String INSERT_OBSERVATION = """
            INSERT INTO observation (id, kind, geom, accuracy_m, captured_at, captured_offset, captured_at_precision,
                clock_offset_s, device_id, notes, attributes, photos, status, flags, author, rev, content_hash, area_m2,
                public_work_id, received_at, updated_at)
            VALUES (?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_REVISION = """
            INSERT INTO observation_revision (observation_id, rev, op_id, actor, change, content_hash, doc, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";

    /** A new row ready to insert (all server fields set), the write that creates it and its revision's document. */
    record Insert(ObservationEntity row, UUID opId, RevisionChange change, String doc) {
    }

    private ObservationRows() {
    }

    /** The rows and their revisions (actor: the author), in the caller's transaction. */
    static void insertAll(Connection c, List<Insert> inserts) throws SQLException {
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement obs = c.prepareStatement(INSERT_OBSERVATION);
             PreparedStatement rev = c.prepareStatement(INSERT_REVISION)) {
            for (Insert n : inserts) {
                ObservationEntity e = n.row();
                int i = 1;
                obs.setObject(i++, e.id);
                obs.setString(i++, e.kind);
                obs.setBytes(i++, wkb.write(e.geom));
                obs.setObject(i++, e.accuracyM);
                obs.setObject(i++, e.capturedAt);
                obs.setString(i++, e.capturedOffset);
                obs.setString(i++, e.capturedAtPrecision);
                obs.setObject(i++, e.clockOffsetSeconds);
                obs.setString(i++, e.deviceId);
                obs.setString(i++, e.notes);
                obs.setString(i++, e.attributes);
                obs.setString(i++, e.photos);
                obs.setString(i++, e.status);
                obs.setArray(i++, c.createArrayOf("text", e.flags));
                obs.setString(i++, e.author);
                obs.setLong(i++, e.rev);
                obs.setString(i++, e.contentHash);
                obs.setObject(i++, e.areaM2);
                obs.setObject(i++, e.publicWorkId);
                obs.setObject(i++, e.receivedAt);
                obs.setObject(i, e.updatedAt);
                obs.addBatch();
                rev.setObject(1, e.id);
                rev.setLong(2, e.rev);
                rev.setObject(3, n.opId());
                rev.setString(4, e.author);
                rev.setString(5, n.change().name());
                rev.setString(6, e.contentHash);
                rev.setString(7, n.doc());
                rev.setObject(8, e.updatedAt);
                rev.addBatch();
            }
            obs.executeBatch();
            rev.executeBatch();
        }
    }
}
