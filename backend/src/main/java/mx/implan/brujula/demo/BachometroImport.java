package mx.implan.brujula.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.observations.ObservationStatusService;
import mx.implan.brujula.sync.PushContext;
import mx.implan.brujula.sync.PushService;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the Bachómetro pothole reports (Ayuntamiento de Hermosillo, 2021–2024) as URBAN_IMAGE/BACHE
 * observations through the same push path devices use, under the identity import:bachometro.
 * Ids and opIds are name-based, so a second run is all UNCHANGED and writes nothing.
 */
@ApplicationScoped
public class BachometroImport {

    public static final String RESOURCE = "demo/bacheo_reportes.geojson";
    private static final Logger LOG = Logger.getLogger(BachometroImport.class);
    private static final ObjectMapper JSON = WireJson.strict();
    /** Reads one feature of the array at a time: the next feature after it is not "trailing content". */
    private static final ObjectReader FEATURE = JSON.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Items are independent; a few workers keep both cores busy without starving the server. */
    private static final int WORKERS = 4;
    private static final int BATCH = 100;

    @Inject
    PushService push;
    @Inject
    ObservationStatusService statuses;
    @Inject
    BrujulaConfig config;

    public record Report(int read, Map<PushStatus, Integer> results, int statusChanges) {
        public int count(PushStatus status) {
            return results.getOrDefault(status, 0);
        }
    }

    public Report load() {
        List<JsonNode> features = readFeatures();
        Actor importer = Actor.importer("bachometro");
        PushContext ctx = new PushContext(importer, "bachometro", null, OffsetDateTime.now(ZoneOffset.UTC), java.util.Locale.forLanguageTag("es"));
        Map<PushStatus, AtomicInteger> counts = new EnumMap<>(PushStatus.class);
        for (PushStatus s : PushStatus.values()) {
            counts.put(s, new AtomicInteger());
        }
        AtomicInteger statusChanges = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            int chunk = (features.size() + WORKERS - 1) / WORKERS;
            for (int w = 0; w < WORKERS; w++) {
                List<JsonNode> slice = features.subList(Math.min(features.size(), w * chunk), Math.min(features.size(), (w + 1) * chunk));
                tasks.add(pool.submit(() -> {
                    // Batches of a device's size take the push fast path for new reports.
                    for (int from = 0; from < slice.size(); from += BATCH) {
                        List<JsonNode> batch = slice.subList(from, Math.min(slice.size(), from + BATCH));
                        List<PushResult> results = push.push(ctx, batch.stream().map(f -> (JsonNode) toItem(f)).toList());
                        for (int i = 0; i < batch.size(); i++) {
                            JsonNode feature = batch.get(i);
                            PushResult result = results.get(i);
                            counts.get(result.status()).incrementAndGet();
                            if (result.status() == PushStatus.REJECTED || result.status() == PushStatus.FAILED) {
                                // FAILED stored nothing either: the next load writes it (loads are idempotent).
                                LOG.warnf("Bachómetro report %s %s: %s", feature.at("/properties/id_reporte"),
                                        result.status(), result.errors());
                            } else if (feature.at("/properties/atendido").asBoolean(false)
                                    && statuses.change(importer, result.id(), ObservationStatus.RESOLVED, null,
                                    "Atendido según el Bachómetro").changed()) {
                                statusChanges.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Bachómetro import interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Bachómetro import failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<PushStatus, Integer> results = new EnumMap<>(PushStatus.class);
        counts.forEach((k, v) -> {
            if (v.get() > 0) {
                results.put(k, v.get());
            }
        });
        return new Report(features.size(), results, statusChanges.get());
    }

    ObjectNode toItem(JsonNode feature) {
        JsonNode p = feature.get("properties");
        long reportId = p.get("id_reporte").asLong();
        LocalDate date = LocalDate.parse(p.get("fecha_reporte").asText());
        // Date-only source: noon in the municipality's zone, marked as DATE precision.
        OffsetDateTime capturedAt = date.atTime(LocalTime.NOON).atZone(config.timezone()).toOffsetDateTime();
        ObjectNode item = JSON.createObjectNode();
        item.put("id", Ids.nameBased("bachometro:" + reportId).toString());
        item.put("opId", Ids.nameBased("bachometro:" + reportId + ":import").toString());
        item.put("kind", "URBAN_IMAGE");
        item.set("geometry", feature.get("geometry"));
        item.put("capturedAt", capturedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        item.put("capturedAtPrecision", "DATE");
        item.put("deviceId", "bachometro");
        String material = p.path("material").asText("");
        item.put("notes", "Reporte Bachómetro #" + reportId + (material.isBlank() ? "" : " (" + material + ")"));
        item.put("baseRev", 0);
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("issue", "BACHE");
        return item;
    }

    private static List<JsonNode> readFeatures() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            List<JsonNode> features = new ArrayList<>(19_000);
            try (JsonParser parser = JSON.getFactory().createParser(in)) {
                // Stream to the features array instead of building one 4.5 MB tree.
                while (parser.nextToken() != null) {
                    if (parser.currentToken() == JsonToken.FIELD_NAME && "features".equals(parser.currentName())) {
                        parser.nextToken();
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            features.add(FEATURE.readValue(parser));
                        }
                        break;
                    }
                }
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
