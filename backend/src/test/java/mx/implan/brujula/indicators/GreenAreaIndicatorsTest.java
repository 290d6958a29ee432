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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;

import static mx.implan.brujula.indicators.Territory.Area.AGEB_A;
import static mx.implan.brujula.indicators.Territory.Area.AGEB_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Green-area snapshots for the current year from surveyed polygons: m² of active green area per
 * inhabitant (areas computed by the server) and the share of that area in poor condition.
 */
@QuarkusTest
class GreenAreaIndicatorsTest {

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
    BrujulaConfig brujula;
    @Inject
    Values values;
    @Inject
    Db db;

    private Territory t;
    private LocalDate year;
    private final Random random = new Random();

    @BeforeEach
    void territory() {
        t = Territory.create(zones);
        projections.skipAll();
        year = PeriodType.YEAR.start(LocalDate.now(brujula.timezone()));
    }

    private ObjectNode park(UUID id, Territory.Area area, String condition) {
        ObjectNode item = Items.greenArea(id, t.square(area, random, 0.001));
        ((ObjectNode) item.get("attributes")).put("condition", condition);
        return item;
    }

    private BigDecimal area(UUID id) {
        return new BigDecimal(db.string("SELECT area_m2 FROM observation WHERE id = ?", id)).setScale(2, RoundingMode.HALF_UP);
    }

    @AfterEach
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void activeGreenAreaPerInhabitantAndTheShareInPoorConditionFollowEditsAndArchiving() {
        UUID good = UUID.randomUUID();
        UUID poor = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        field.write(park(good, AGEB_A, "BUENO"));
        long poorRev = field.write(park(poor, AGEB_A, "MALO"));
        field.write(park(other, AGEB_B, "REGULAR"));
        projections.run(projector);

        BigDecimal a = area(good);
        BigDecimal b = area(poor);
        BigDecimal c = area(other);
        assertThat(a).isGreaterThan(new BigDecimal("5000"));
        BigDecimal active = a.add(b);
        assertThat(values.get("GREEN_AREA_PER_INHABITANT", t.agebA, year)).get()
                .matches(f -> f.is(active.toPlainString(), "1000", active.divide(new BigDecimal(1000), 4, RoundingMode.HALF_UP).toPlainString()));
        assertThat(values.get("GREEN_AREA_POOR_CONDITION_SHARE", t.agebA, year)).get()
                .matches(f -> f.is(b.toPlainString(), active.toPlainString(),
                        b.multiply(new BigDecimal(100)).divide(active, 4, RoundingMode.HALF_UP).toPlainString()));
        BigDecimal all = active.add(c);
        assertThat(values.get("GREEN_AREA_PER_INHABITANT", t.municipality, year)).get()
                .matches(f -> f.is(all.toPlainString(), "8000", all.divide(new BigDecimal(8000), 4, RoundingMode.HALF_UP).toPlainString()));

        // Repaired: no poor area left. Then archived: no longer green area at all.
        field.write(Items.edit(park(poor, AGEB_A, "BUENO"), poorRev));
        projections.run(projector);
        assertThat(values.get("GREEN_AREA_POOR_CONDITION_SHARE", t.agebA, year)).get().matches(f -> f.numerator().signum() == 0);
        field.status(good, ObservationStatus.ARCHIVED);
        projections.run(projector);
        assertThat(values.get("GREEN_AREA_PER_INHABITANT", t.locality, year)).get()
                .matches(f -> f.numerator().compareTo(area(poor).add(c)) == 0, "the poor park's new area and B's");
        assertThat(recompute.differences(t.municipality)).isEmpty();
    }
}
