package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.zones.ZoneRecord;
import mx.implan.brujula.zones.ZoneService;
import mx.implan.brujula.zones.ZoneType;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small municipality of its own for one test, far from Hermosillo and from every other test's,
 * so its figures depend on that test's observations only:
 * <pre>
 *   y+0.02 ┌──────────────────────┬──────────┐
 *          │ locality only        │          │
 *   y+0.01 ├──────────┬───────────┤ munici-  │
 *          │ AGEB A   │ AGEB B    │ pality   │
 *          │ 1,000 h. │ 3,000 h.  │ only     │
 *   y      └──────────┴───────────┴──────────┘
 *          x        x+0.01      x+0.02     x+0.03
 * </pre>
 * AGEB A is graded 4 (muy alto) with index 100.5, B graded 0 (muy bajo) with index 125.25; the
 * locality has 6,000 inhabitants, the municipality 8,000.
 */
final class Territory {

    enum Area { AGEB_A, AGEB_B, LOCALITY_ONLY, MUNICIPALITY_ONLY }

    final String prefix;
    final String municipality;
    final String locality;
    final String agebA;
    final String agebB;
    final double x;
    final double y;

    private Territory(String prefix, double x, double y) {
        this.prefix = prefix;
        this.municipality = prefix + "M";
        this.locality = prefix + "L";
        this.agebA = prefix + "A";
        this.agebB = prefix + "B";
        this.x = x;
        this.y = y;
    }

    /** Creates the zones (the same in every figure: nothing else lies there). */
    static Territory create(ZoneService zones) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // A 0.05° grid cell in southern Mexico's open country, picked at random among 40,000.
        double x = -100.0 + r.nextInt(200) * 0.05;
        double y = 15.0 + r.nextInt(200) * 0.05;
        Territory t = new Territory("T" + Long.toString(r.nextLong(1L << 40), 36) + "-", x, y);
        QuarkusTransaction.requiringNew().run(() -> zones.upsert(List.of(
                t.zone(t.municipality, ZoneType.MUNICIPALITY, null, 8000, box(x, y, x + 0.03, y + 0.02), null, null),
                t.zone(t.locality, ZoneType.LOCALITY, t.municipality, 6000, box(x, y, x + 0.02, y + 0.02), null, null),
                t.zone(t.agebA, ZoneType.AGEB, t.locality, 1000, box(x, y, x + 0.01, y + 0.01), 4, 100.5),
                t.zone(t.agebB, ZoneType.AGEB, t.locality, 3000, box(x + 0.01, y, x + 0.02, y + 0.01), 0, 125.25))));
        return t;
    }

    /**
     * Removes the zones and their figures, so that tests counting Hermosillo's zones (404 AGEBs, one
     * municipality) see Hermosillo only. Observations and works left there count nowhere after a recompute.
     */
    void remove(Db db) {
        db.update("DELETE FROM indicator_value WHERE zone_id LIKE ?", prefix + "%");
        db.update("DELETE FROM zone WHERE id LIKE ?", prefix + "%");
    }

    /** A point strictly inside {@code area}. */
    double[] point(Area area, Random r) {
        double dx = 0.001 + r.nextDouble() * 0.008;
        double dy = 0.001 + r.nextDouble() * 0.008;
        return switch (area) {
            case AGEB_A -> new double[]{x + dx, y + dy};
            case AGEB_B -> new double[]{x + 0.01 + dx, y + dy};
            case LOCALITY_ONLY -> new double[]{x + dx * 2, y + 0.01 + dy};
            case MUNICIPALITY_ONLY -> new double[]{x + 0.02 + dx, y + dy * 2};
        };
    }

    /** The zone an observation in {@code area} counts in. */
    String zoneOf(Area area) {
        return switch (area) {
            case AGEB_A -> agebA;
            case AGEB_B -> agebB;
            case LOCALITY_ONLY -> locality;
            case MUNICIPALITY_ONLY -> municipality;
        };
    }

    /** A square ring of side {@code side}° around a point strictly inside {@code area}. */
    double[][] square(Area area, Random r, double side) {
        double[] c = point(area, r);
        double h = side / 2;
        return new double[][]{{c[0] - h, c[1] - h}, {c[0] + h, c[1] - h}, {c[0] + h, c[1] + h}, {c[0] - h, c[1] + h},
                {c[0] - h, c[1] - h}};
    }

    private ZoneRecord zone(String id, ZoneType type, String parent, int population, JsonNode geometry, Integer grade, Double index) {
        ObjectNode properties = Items.JSON.createObjectNode();
        if (grade != null) {
            properties.put("GM_2020_NU", grade);
            properties.put("IM_2020", index);
        }
        // A comma and quotes in the name: CSV output must quote it.
        return new ZoneRecord(id, type, "Zona \"de prueba\", " + id, parent, population, 1.0, properties, geometry);
    }

    private static JsonNode box(double x1, double y1, double x2, double y2) {
        ObjectNode g = Items.JSON.createObjectNode();
        g.put("type", "Polygon");
        var ring = g.putArray("coordinates").addArray();
        for (double[] p : new double[][]{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}, {x1, y1}}) {
            ring.addArray().add(p[0]).add(p[1]);
        }
        return g;
    }
}
