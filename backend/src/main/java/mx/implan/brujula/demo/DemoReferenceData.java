package mx.implan.brujula.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.works.ImportReport;
import mx.implan.brujula.works.WorksImport;
import mx.implan.brujula.zones.AreaOfInterest;
import mx.implan.brujula.zones.UpsertCounts;
import mx.implan.brujula.zones.ZoneRecord;
import mx.implan.brujula.zones.ZoneService;
import mx.implan.brujula.zones.ZoneType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the Hermosillo reference data bundled under {@code demo/} (see {@code demo/SOURCES.md}):
 * the municipality (also the area of interest), its localities and urban AGEBs as zones, then the
 * fictional works catalogue through {@link WorksImport}. Idempotent: a second load rewrites nothing
 * and tells devices nothing. Not run at startup; the demo orchestrator calls {@link #load()}.
 */
@ApplicationScoped
public class DemoReferenceData {

    private static final Logger LOG = Logger.getLogger(DemoReferenceData.class);

    static final String MUNICIPALITY = "demo/municipio.geojson";
    static final String LOCALITIES = "demo/localidades.geojson";
    static final String AGEBS = "demo/agebs.geojson";
    public static final String WORKS = "demo/obras_demo_ficticias.csv";

    /** Source attributes that become columns (the rest stays in {@code properties}). */
    private static final Set<String> MAPPED = Set.of("CVEGEO", "POBTOT", "AREA_KM2");

    /** What one load did; {@code millis} is wall time for the whole load. */
    public record LoadReport(UpsertCounts municipality, UpsertCounts localities, UpsertCounts agebs,
                             boolean areaOfInterestChanged, ImportReport works, long millis) {

        public UpsertCounts zones() {
            return municipality.plus(localities).plus(agebs);
        }
    }

    @Inject
    ZoneService zones;

    @Inject
    AreaOfInterest areaOfInterest;

    @Inject
    WorksImport worksImport;

    @Inject
    ObjectMapper mapper;

    public LoadReport load() {
        long started = System.nanoTime();
        List<ZoneRecord> municipality = read(MUNICIPALITY, ZoneType.MUNICIPALITY);
        List<ZoneRecord> localities = read(LOCALITIES, ZoneType.LOCALITY);
        List<ZoneRecord> agebs = read(AGEBS, ZoneType.AGEB);
        // Zones and the area of interest together: a half-loaded boundary set is never visible.
        record ZoneCounts(UpsertCounts m, UpsertCounts l, UpsertCounts a, boolean aoi) {
        }
        ZoneCounts counts = QuarkusTransaction.requiringNew().call(() -> {
            UpsertCounts m = zones.upsert(municipality);
            UpsertCounts l = zones.upsert(localities);
            UpsertCounts a = zones.upsert(agebs);
            boolean aoi = areaOfInterest.useZone(municipality.get(0).id());
            return new ZoneCounts(m, l, a, aoi);
        });
        long zonesDone = System.nanoTime();
        // Works after zones: each work's zone is found spatially among the zones just loaded.
        ImportReport works = worksImport.importBytes(bytes(WORKS), WorksImport.Format.CSV, Actor.importer("demo"), false);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LoadReport report = new LoadReport(counts.m(), counts.l(), counts.a(), counts.aoi(), works, millis);
        LOG.infof("Demo reference data: zones %s in %d ms, area of interest changed=%s, works created=%d updated=%d"
                        + " unchanged=%d rejected=%d; %d ms in all",
                report.zones(), (zonesDone - started) / 1_000_000, counts.aoi(), works.created(), works.updated(),
                works.unchanged(), works.rejected(), millis);
        return report;
    }

    /**
     * Maps an INEGI FeatureCollection to zones. Parents come from the CVEGEO hierarchy
     * (EE MMM LLLL AAAA): an AGEB's locality is its first 9 characters, a locality's municipality
     * its first 5. A repeated CVEGEO keeps the last feature (one upsert cannot touch a row twice).
     */
    List<ZoneRecord> read(String resource, ZoneType type) {
        JsonNode fc;
        try {
            fc = mapper.readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resource, e);
        }
        Map<String, ZoneRecord> byId = new LinkedHashMap<>();
        for (JsonNode f : fc.path("features")) {
            JsonNode p = f.path("properties");
            String id = p.path("CVEGEO").asText();
            ObjectNode rest = mapper.createObjectNode();
            p.fields().forEachRemaining(e -> {
                if (!MAPPED.contains(e.getKey())) {
                    rest.set(e.getKey(), e.getValue());
                }
            });
            String name = switch (type) {
                case MUNICIPALITY -> p.path("NOMGEO").asText();
                case LOCALITY -> p.path("NOM_LOC").asText();
                // AGEBs have no name of their own; the key is what planners call them by.
                case AGEB -> "AGEB " + p.path("CVE_AGEB").asText(id.substring(Math.max(0, id.length() - 4)));
            };
            String parent = switch (type) {
                case MUNICIPALITY -> null;
                case LOCALITY -> id.substring(0, 5);
                case AGEB -> id.substring(0, 9);
            };
            Integer population = p.hasNonNull("POBTOT") ? p.get("POBTOT").asInt() : null;
            Double area = p.hasNonNull("AREA_KM2") ? p.get("AREA_KM2").asDouble() : null;
            byId.put(id, new ZoneRecord(id, type, name, parent, population, area, rest, f.get("geometry")));
        }
        return new ArrayList<>(byId.values());
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
