package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as the API and the stream show it.
 *
 * @param id          increasing; also the server-sent event id
 * @param title       by language ({@code es}, {@code en}), from the {@code alerts} bundles
 * @param subjectType {@code observation} (risks) or {@code work}
 * @param details     the facts the title is written from (hazard, severity, work code, delay…)
 */
public record Alert(long id, AlertKind kind, int severity, Map<String, String> title, String subjectType, UUID subjectId,
                    String zoneId, JsonNode details, OffsetDateTime createdAt, OffsetDateTime acknowledgedAt,
                    String acknowledgedBy) {
}
