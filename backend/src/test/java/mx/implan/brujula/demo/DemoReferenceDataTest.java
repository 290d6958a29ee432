package mx.implan.brujula.demo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.demo.DemoReferenceData.LoadReport;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.DemoZones;
import mx.implan.brujula.works.ImportReport;
import mx.implan.brujula.works.Outcome;
import mx.implan.brujula.zones.UpsertCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class DemoReferenceDataTest {

    static final int DEMO_WORKS = 22;

    @Inject
    DemoReferenceData demo;

    @Inject
    Db db;

    /** Empties the reference tables so the load under test starts from nothing. */
    private void emptyReferenceTables() {
        db.update("DELETE FROM area_of_interest");
        db.update("DELETE FROM zone");
        db.update("DELETE FROM public_work WHERE code LIKE 'DEMO-%'");
    }

    @Test
    void firstLoadCreatesEveryZoneTheAreaOfInterestAndTheWorksQuickly() {
        emptyReferenceTables();
        long changesBefore = db.count("SELECT count(*) FROM change_log");
        long lastSeq = db.count("SELECT coalesce(max(seq), 0) FROM change_log");

        LoadReport report = demo.load();

        int localities = DemoZones.localities().size();
        int agebs = DemoZones.agebs().size();
        assertThat(report.municipality()).isEqualTo(new UpsertCounts(1, 0, 0));
        assertThat(report.localities()).isEqualTo(new UpsertCounts(localities, 0, 0));
        assertThat(report.agebs()).isEqualTo(new UpsertCounts(agebs, 0, 0));
        assertThat(report.areaOfInterestChanged()).isTrue();
        assertThat(report.works().created()).isEqualTo(DEMO_WORKS);
        assertThat(report.works().rejected()).isZero();
        assertThat(report.millis()).isLessThan(15_000);

        assertThat(db.count("SELECT count(*) FROM zone")).isEqualTo(1 + localities + agebs);
        assertThat(db.count("SELECT count(*) FROM zone WHERE NOT ST_IsValid(geom)")).isZero();
        assertThat(db.count("SELECT count(*) FROM area_of_interest WHERE id = '26030'")).isEqualTo(1);
        // One change-log row per zone and per work, all shared reference data (no owner).
        assertThat(db.count("SELECT count(*) FROM change_log") - changesBefore)
                .isEqualTo(1 + localities + agebs + DEMO_WORKS);
        assertThat(db.count("SELECT count(*) FROM change_log WHERE entity_type = 'zone' AND owner IS NOT NULL AND seq > ?", lastSeq)).isZero();
        // Every demo work lies in an AGEB (the file was made so); the zone is found spatially.
        assertThat(db.count("""
                SELECT count(*) FROM public_work w JOIN zone z ON z.id = w.zone_id
                WHERE w.code LIKE 'DEMO-%' AND z.zone_type = 'AGEB'""")).isEqualTo(DEMO_WORKS);
        System.out.printf("Demo reference data, first load into empty tables: %d ms%n", report.millis());
    }

    @Test
    void secondLoadChangesNothing() {
        LoadReport earlier = demo.load();
        long changes = db.count("SELECT count(*) FROM change_log");
        long audits = db.count("SELECT count(*) FROM audit_log");
        Object zoneRowVersion = db.one("SELECT CAST(xmin AS text) FROM zone WHERE id = '2603000011869'");
        long revs = db.count("SELECT sum(rev) FROM zone");

        LoadReport again = demo.load();

        assertThat(again.zones().created()).isZero();
        assertThat(again.zones().updated()).isZero();
        assertThat(again.zones().unchanged()).isEqualTo(1 + DemoZones.localities().size() + DemoZones.agebs().size());
        assertThat(again.areaOfInterestChanged()).isFalse();
        ImportReport works = again.works();
        assertThat(works.unchanged()).isEqualTo(DEMO_WORKS);
        assertThat(works.rows()).extracting(ImportReport.Row::result).containsOnly(Outcome.UNCHANGED);
        assertThat(db.count("SELECT count(*) FROM change_log")).isEqualTo(changes);
        assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(audits);
        assertThat(db.count("SELECT sum(rev) FROM zone")).isEqualTo(revs);
        // Not even rewritten with equal values: the row version is the same.
        assertThat(db.one("SELECT CAST(xmin AS text) FROM zone WHERE id = '2603000011869'")).isEqualTo(zoneRowVersion);
        System.out.printf("Demo reference data, reload with nothing to change: %d ms (the load before it: %d ms)%n",
                again.millis(), earlier.millis());
        // Reading and comparing costs no more than the load just before it on the same machine (a full one, or
        // the same comparison when earlier tests loaded already): generous, it catches a reload that rewrites.
        assertThat(again.millis()).as("reload with nothing to change against the load before it")
                .isLessThanOrEqualTo(2 * earlier.millis() + 2_000);
    }

    @Test
    void loadRepairsAZoneThatDriftedAndTellsDevices() {
        demo.load();
        db.update("UPDATE zone SET population = 1 WHERE id = '2603000011869'");
        long rev = db.count("SELECT rev FROM zone WHERE id = '2603000011869'");
        long changes = db.count("SELECT count(*) FROM change_log WHERE entity_type = 'zone' AND entity_id = '2603000011869' AND owner IS NULL");

        LoadReport report = demo.load();

        assertThat(report.agebs().updated()).isEqualTo(1);
        assertThat(report.zones().updated()).isEqualTo(1);
        assertThat(db.count("SELECT population FROM zone WHERE id = '2603000011869'")).isEqualTo(2202);
        assertThat(db.count("SELECT rev FROM zone WHERE id = '2603000011869'")).isEqualTo(rev + 1);
        assertThat(db.count("SELECT count(*) FROM change_log WHERE entity_type = 'zone' AND entity_id = '2603000011869' AND owner IS NULL"))
                .isEqualTo(changes + 1);
        assertThat(db.count("""
                SELECT max(rev) FROM change_log WHERE entity_type = 'zone' AND entity_id = '2603000011869' AND owner IS NULL"""))
                .isEqualTo(rev + 1);
    }
}
