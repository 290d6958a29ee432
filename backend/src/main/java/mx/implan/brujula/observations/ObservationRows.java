package mx.implan.brujula.observations;

import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.model.observation.Observation;
import org.locationtech.jts.io.WKBWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inserts many new observations with JDBC batches: the same four rows per observation that
 * {@link ObservationStore#insert} writes (observation, revision, change log, outbox), in the
 * caller's transaction, with a handful of round trips instead of several per item.
 */
public final class ObservationRows {

    private static final String INSERT_OBSERVATION = """
            INSERT INTO observation (id, kind, geom, accuracy_m, captured_at, captured_offset, captured_at_precision,
                clock_offset_s, device_id, notes, attributes, photos, status, flags, author, rev, content_hash, area_m2,
                public_work_id, received_at, updated_at)
            VALUES (?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_REVISION = """
            INSERT INTO observation_revision (observation_id, rev, op_id, actor, change, content_hash, doc, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";
    private static final String INSERT_CHANGE = "INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES (?, ?, 'UPSERT', ?, ?)";
    private static final String INSERT_OUTBOX = """
            INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload) VALUES ('observation', ?, 'observation.created', ?::jsonb)""";

    /** A new row ready to insert (all server fields set) and the write that creates it. */
    public record NewRow(ObservationEntity row, UUID opId) {
    }

    private ObservationRows() {
    }

    public static List<Observation> insertAll(Connection c, List<NewRow> rows) throws SQLException {
        List<Observation> stored = new ArrayList<>(rows.size());
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement obs = c.prepareStatement(INSERT_OBSERVATION);
             PreparedStatement rev = c.prepareStatement(INSERT_REVISION);
             PreparedStatement change = c.prepareStatement(INSERT_CHANGE);
             PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX)) {
            for (NewRow n : rows) {
                ObservationEntity e = n.row();
                Observation wire = ObservationMapper.toWire(e);
                String doc = ObservationMapper.toJson(wire);
                stored.add(wire);
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
                rev.setString(5, ObservationStore.CREATE);
                rev.setString(6, e.contentHash);
                rev.setString(7, doc);
                rev.setObject(8, e.updatedAt);
                rev.addBatch();
                change.setString(1, ChangeLog.OBSERVATION);
                change.setString(2, e.id.toString());
                change.setLong(3, e.rev);
                change.setString(4, e.author);
                change.addBatch();
                outbox.setString(1, e.id.toString());
                outbox.setString(2, doc);
                outbox.addBatch();
            }
            obs.executeBatch();
            rev.executeBatch();
            change.executeBatch();
            outbox.executeBatch();
        }
        return stored;
    }
}
