package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Projections;
import mx.implan.brujula.zones.ZoneService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static mx.implan.brujula.indicators.Territory.Area.AGEB_A;
import static mx.implan.brujula.indicators.Territory.Area.AGEB_B;
import static mx.implan.brujula.indicators.Territory.Area.MUNICIPALITY_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Urban-image and pothole figures as the projector keeps them from events pushed through the sync
 * path: per-1,000 and per-10,000 rates at every level from counts, shares resolved, median days to
 * resolve, and edits, status changes and redeliveries moving exactly what they should.
 */
@QuarkusTest
class UrbanImageIndicatorsTest {

    private static final OffsetDateTime FEB_2024 = OffsetDateTime.of(2024, 2, 10, 9, 30, 0, 0, ZoneOffset.ofHours(-7));
    private static final LocalDate Q1_2024 = LocalDate.of(2024, 1, 1);
    private static final LocalDate Q3_2024 = LocalDate.of(2024, 7, 1);

    @Inject
    ZoneService zones;
    @Inject
    Field field;
    @Inject
    Projections projections;
    @Inject
    IndicatorProjector projector;
    @Inject
    Values values;
    @Inject
    Db db;

    private Territory t;
    private final Random random = new Random();

    @BeforeEach
    void territory() {
        t = Territory.create(zones);
        projections.skipAll();
    }

    private ObjectNode report(UUID id, Territory.Area area, String issue, OffsetDateTime capturedAt) {
        return Field.at(Items.urbanImage(id, 0, 0, issue), t.point(area, random), capturedAt);
    }

    @AfterEach
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void reportsCountPerThousandAndPotholesPerTenThousandAtEveryLevel() {
        field.write(report(UUID.randomUUID(), AGEB_A, "BACHE", FEB_2024));
        field.write(report(UUID.randomUUID(), AGEB_A, "BACHE", FEB_2024));
        field.write(report(UUID.randomUUID(), AGEB_A, "GRAFITI", FEB_2024));
        field.write(report(UUID.randomUUID(), AGEB_B, "BACHE", FEB_2024.plusMonths(1)));
        field.write(report(UUID.randomUUID(), MUNICIPALITY_ONLY, "BASURA", FEB_2024));
        projections.run(projector);

        assertThat(values.get("URBAN_IMAGE_REPORTS_PER_1K", t.agebA, Q1_2024)).get()
                .matches(f -> f.is("3", "1000", "3"), "3 reports / 1,000 inhabitants × 1,000");
        assertThat(values.get("URBAN_IMAGE_REPORTS_PER_1K", t.agebA, Q1_2024, "issue:BACHE")).get()
                .matches(f -> f.is("2", "1000", "2"));
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.agebA, Q1_2024)).get().matches(f -> f.is("2", "1000", "20"));
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.agebB, Q1_2024)).get().matches(f -> f.is("1", "3000", "3.3333"));
        // The locality counts its AGEBs' reports over its own population; the municipality also the one outside.
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.locality, Q1_2024)).get().matches(f -> f.is("3", "6000", "5"));
        assertThat(values.get("URBAN_IMAGE_REPORTS_PER_1K", t.municipality, Q1_2024)).get()
                .matches(f -> f.is("5", "8000", "0.625"));
        assertThat(values.get("POTHOLE_REPORTS_ATTENDED_SHARE", t.municipality, Q1_2024)).get().matches(f -> f.is("0", "3", "0"));
        assertThat(values.get("URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE", t.municipality, Q1_2024)).isEmpty();
    }

    @Test
    void resolvingAndDismissingMoveSharesAndTheMedianCountsDaysToTheResolvingRevision() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        field.write(report(a, AGEB_A, "BACHE", FEB_2024));
        field.write(report(b, AGEB_A, "BACHE", FEB_2024));
        field.write(report(c, AGEB_A, "ALUMBRADO", FEB_2024));
        field.status(a, ObservationStatus.RESOLVED);
        field.status(b, ObservationStatus.IN_PROGRESS);
        field.status(b, ObservationStatus.RESOLVED);
        field.status(c, ObservationStatus.DISMISSED);
        projections.run(projector);

        assertThat(values.get("POTHOLE_REPORTS_ATTENDED_SHARE", t.agebA, Q1_2024)).get().matches(f -> f.is("2", "2", "100"));
        // Dismissed reports are not reports: two remain.
        assertThat(values.get("URBAN_IMAGE_REPORTS_PER_1K", t.agebA, Q1_2024)).get().matches(f -> f.is("2", "1000", "2"));
        assertThat(values.get("URBAN_IMAGE_REPORTS_PER_1K", t.agebA, Q1_2024, "issue:ALUMBRADO")).isEmpty();
        BigDecimal median = new BigDecimal(db.string("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - o.captured_at) / 86400)
                FROM observation o JOIN observation_revision r ON r.observation_id = o.id AND r.doc->>'status' = 'RESOLVED'
                WHERE o.id IN (?, ?)""", a, b)).setScale(2, RoundingMode.HALF_UP);
        assertThat(values.get("URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE", t.locality, Q1_2024)).get()
                .matches(f -> f.denominator().intValue() == 2 && f.value().compareTo(median) == 0, "median " + median);
    }

    @Test
    void anEditThatMovesAReportMovesItsCountBetweenZonesAndQuarters() {
        UUID id = UUID.randomUUID();
        ObjectNode item = report(id, AGEB_A, "BACHE", FEB_2024);
        long rev = field.write(item);
        projections.run(projector);
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.agebA, Q1_2024)).get().matches(f -> f.is("1", "1000", "10"));

        ObjectNode moved = Items.edit(report(id, AGEB_B, "BACHE", FEB_2024.withMonth(8)), rev);
        field.write(moved);
        projections.run(projector);

        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.agebA, Q1_2024)).isEmpty();
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.locality, Q1_2024)).isEmpty();
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.agebB, Q3_2024)).get().matches(f -> f.is("1", "3000", "3.3333"));
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", t.municipality, Q3_2024)).get().matches(f -> f.is("1", "8000", "1.25"));
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        UUID id = UUID.randomUUID();
        long rev = field.write(report(id, AGEB_A, "BACHE", FEB_2024));
        field.status(id, ObservationStatus.RESOLVED);
        List<DomainEvent> first = projections.run(projector);
        assertThat(first).hasSize(2);
        assertThat(values.get("POTHOLE_REPORTS_ATTENDED_SHARE", t.agebA, Q1_2024)).get().matches(f -> f.is("1", "1", "100"));

        // The creation again (older than what was applied), then the status change again (a redelivery).
        projections.deliver(projector, first.get(0));
        projections.deliver(projector, first.get(1));

        assertThat(values.get("POTHOLE_REPORTS_ATTENDED_SHARE", t.agebA, Q1_2024)).get().matches(f -> f.is("1", "1", "100"));
        assertThat(db.count("SELECT rev FROM indicator_observation WHERE observation_id = ?", id)).isEqualTo(rev + 1);
    }

    @Test
    void theRecomputeFromTheObservationTableGivesWhatTheProjectionGave() {
        UUID id = UUID.randomUUID();
        long rev = field.write(report(id, AGEB_A, "BACHE", FEB_2024));
        field.write(report(UUID.randomUUID(), AGEB_B, "FACHADA", FEB_2024));
        field.write(Items.edit(report(id, AGEB_B, "BACHE", FEB_2024.plusDays(60)), rev));
        field.status(id, ObservationStatus.RESOLVED);
        projections.run(projector);

        assertThat(recompute.differences(t.municipality)).isEmpty();
        assertThat(values.count("URBAN_IMAGE_REPORTS_PER_1K", t.municipality.substring(0, t.municipality.length() - 1)))
                .isPositive();
    }

    @Inject
    IndicatorRecompute recompute;
}
