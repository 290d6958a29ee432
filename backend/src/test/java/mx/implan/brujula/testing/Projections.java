package mx.implan.brujula.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the event pipeline in tests: reads outbox rows after the last one seen and hands
 * each to a projector ({@code accepts}, then {@code apply} in a new transaction), as the relay and
 * dispatcher will. Events can be handed over again to play a redelivery.
 */
@ApplicationScoped
public class Projections {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    private long lastSeen;

    /** Forgets every event written so far: the next {@link #run} starts after them. */
    public synchronized void skipAll() {
        lastSeen = maxId();
    }

    /** Delivers every event written since the last call; returns them in outbox order. */
    public synchronized List<DomainEvent> run(EventProjector projector) {
        List<DomainEvent> events = take();
        events.forEach(e -> deliver(projector, e));
        return events;
    }

    /** The events written since the last call, marked seen but not delivered (to deliver in another order). */
    public synchronized List<DomainEvent> take() {
        List<DomainEvent> events = read("SELECT id, event_type, aggregate_type, aggregate_id, created_at, CAST(payload AS text)"
                + " FROM outbox WHERE id > ? ORDER BY id", lastSeen);
        events.forEach(e -> lastSeen = Math.max(lastSeen, e.id()));
        return events;
    }

    /** Hands one event to the projector as the pipeline would (again, for a redelivery). */
    public void deliver(EventProjector projector, DomainEvent event) {
        if (projector.accepts(event)) {
            QuarkusTransaction.requiringNew().run(() -> projector.apply(event));
        }
    }

    /** Hands events that arrived together to the projector in one transaction, as the consumer does with a backlog. */
    public void deliverAll(EventProjector projector, List<DomainEvent> events) {
        List<DomainEvent> accepted = events.stream().filter(projector::accepts).toList();
        if (!accepted.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> projector.applyAll(accepted));
        }
    }

    private long maxId() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(id), 0) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DomainEvent> read(String sql, long after) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            List<DomainEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = mapper.readTree(rs.getString(6));
                    out.add(new DomainEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), payload));
                }
            }
            return out;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
