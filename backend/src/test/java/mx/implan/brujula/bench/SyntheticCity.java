package mx.implan.brujula.bench;

import mx.implan.brujula.testsupport.BackendJar;

import java.sql.Connection;
import java.sql.Statement;

/**
 * A city's worth of synthetic observations for the read-side benches: N points over Hermosillo's city
 * box, the four kinds in turn, five statuses, severities 1–5, captured over the last year, inserted
 * straight into the bench database with one {@code INSERT … SELECT generate_series} (a bench may write
 * directly: it measures reading, not the product's write path), then {@code ANALYZE}.
 */
final class SyntheticCity {

    static final double WEST = -111.05, EAST = -110.85, SOUTH = 28.95, NORTH = 29.20;

    private SyntheticCity() {
    }

    static void insert(BackendJar backend, int n) throws Exception {
        try (Connection c = backend.database(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO observation (id, kind, geom, accuracy_m, captured_at, device_id, notes, attributes, status, author, rev,
                                             content_hash, received_at, updated_at)
                    SELECT gen_random_uuid(), k.kind,
                           ST_SetSRID(ST_MakePoint(%f + %f * random(), %f + %f * random()), 4326),
                           3 + 10 * random(), now() - make_interval(secs => 86400 * 365 * random()), 'bench-' || (i %% 50),
                           'Observación sintética', jsonb_build_object('severity', 1 + i %% 5), k.status, 'bench', 1,
                           repeat('0', 64), now(), now()
                    FROM generate_series(1, %d) i
                    CROSS JOIN LATERAL (SELECT (ARRAY['RISK', 'URBAN_IMAGE', 'GREEN_AREA', 'WORKS_PROGRESS'])[1 + i %% 4] AS kind,
                                               (ARRAY['REPORTED', 'VERIFIED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED'])[1 + (i / 4) %% 5] AS status) k
                    """.formatted(WEST, EAST - WEST, SOUTH, NORTH - SOUTH, n));
            s.execute("ANALYZE observation");
        }
    }
}
