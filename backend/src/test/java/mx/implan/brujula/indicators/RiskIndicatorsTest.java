package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Projections;
import mx.implan.brujula.zones.ZoneService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;

import static mx.implan.brujula.indicators.Territory.Area.AGEB_A;
import static mx.implan.brujula.indicators.Territory.Area.AGEB_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Atlas de Riesgo snapshots for the current month: open risks per 10,000 inhabitants in total, by
 * hazard and by severity, and high-severity risks nobody attended for more than the configured days.
 */
@QuarkusTest
class RiskIndicatorsTest {

    @Inject
    ZoneService zones;
    @Inject
    Field field;
    @Inject
    Projections projections;
    @Inject
    IndicatorProjector projector;
    @Inject
    IndicatorRecompute recompute;
    @Inject
    IndicatorConfig config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    Values values;

    @Inject
    Db db;

    private Territory t;
    private LocalDate month;
    private final Random random = new Random();

    @BeforeEach
    void territory() {
        t = Territory.create(zones);
        projections.skipAll();
        month = PeriodType.MONTH.start(LocalDate.now(brujula.timezone()));
    }

    private UUID risk(Territory.Area area, String hazard, int severity, int daysAgo) {
        UUID id = UUID.randomUUID();
        ObjectNode item = Field.at(Items.risk(id), t.point(area, random),
                OffsetDateTime.now(ZoneOffset.ofHours(-7)).minusDays(daysAgo).withNano(0));
        ((ObjectNode) item.get("attributes")).put("hazard", hazard).put("severity", severity);
        field.write(item);
        return id;
    }

    @AfterEach
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void openRisksCountReportedAndVerifiedOnesByHazardAndSeverity() {
        risk(AGEB_A, "INUNDACION", 5, 30);
        risk(AGEB_A, "INUNDACION", 5, 1);
        UUID verified = risk(AGEB_A, "HUNDIMIENTO", 4, 30);
        risk(AGEB_A, "GRIETA", 2, 0);
        UUID dismissed = risk(AGEB_B, "CABLEADO", 3, 3);
        field.status(verified, ObservationStatus.VERIFIED);
        field.status(dismissed, ObservationStatus.DISMISSED);
        projections.run(projector);

        assertThat(values.get("OPEN_RISKS_PER_10K", t.agebA, month)).get().matches(f -> f.is("4", "1000", "40"));
        assertThat(values.get("OPEN_RISKS_PER_10K", t.agebA, month, "hazard:INUNDACION")).get().matches(f -> f.is("2", "1000", "20"));
        assertThat(values.get("OPEN_RISKS_PER_10K", t.agebA, month, "severity:5")).get().matches(f -> f.is("2", "1000", "20"));
        assertThat(values.get("OPEN_RISKS_PER_10K", t.agebA, month, "severity:4")).get().matches(f -> f.is("1", "1000", "10"));
        // A zone whose only risk was dismissed shows 0, not an old figure.
        assertThat(values.get("OPEN_RISKS_PER_10K", t.agebB, month)).get().matches(f -> f.is("0", "3000", "0"));
        assertThat(values.get("OPEN_RISKS_PER_10K", t.locality, month)).get().matches(f -> f.is("4", "6000", "6.6667"));
        assertThat(values.get("OPEN_RISKS_PER_10K", t.municipality, month, "hazard:CABLEADO")).get().matches(f -> f.is("0", "8000", "0"));
    }

    @Test
    void aSevereRiskNobodyAttendedForMoreThanTheConfiguredDaysIsCountedUntilSomeoneActs() {
        int days = config.unattendedRiskDays();
        UUID old = risk(AGEB_A, "INUNDACION", 5, days + 2);
        risk(AGEB_A, "INUNDACION", 5, days - 2);   // not yet
        risk(AGEB_B, "GRIETA", 3, days + 20);      // not severe
        UUID verified = risk(AGEB_B, "DESLIZAMIENTO", 4, days + 5);
        field.status(verified, ObservationStatus.VERIFIED);
        projections.run(projector);

        assertThat(values.get("HIGH_SEVERITY_RISKS_UNATTENDED", t.agebA, month)).get().matches(f -> f.is("1", null, "1"));
        assertThat(values.get("HIGH_SEVERITY_RISKS_UNATTENDED", t.agebB, month)).get().matches(f -> f.is("0", null, "0"));
        assertThat(values.get("HIGH_SEVERITY_RISKS_UNATTENDED", t.municipality, month)).get().matches(f -> f.is("1", null, "1"));

        field.status(old, ObservationStatus.DISMISSED);
        projections.run(projector);
        assertThat(values.get("HIGH_SEVERITY_RISKS_UNATTENDED", t.municipality, month)).get().matches(f -> f.is("0", null, "0"));
        assertThat(recompute.differences(t.municipality)).isEmpty();
    }
}
