package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.works.PlanPoint;
import mx.implan.brujula.model.works.PlannedProgress;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Projections;
import mx.implan.brujula.testing.TestUsers;
import mx.implan.brujula.zones.ZoneService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.indicators.Territory.Area.AGEB_A;
import static mx.implan.brujula.indicators.Territory.Area.AGEB_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public-works snapshots for the current month: the average of each work's latest reported progress
 * and the share of works behind plan, read against the catalogue's planned curve as the app reads it;
 * and the investment per inhabitant by marginalisation grade and programme (Equidad).
 */
@QuarkusTest
class WorksIndicatorsTest {

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
    IndicatorRefresh refresh;
    @Inject
    IndicatorConfig config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    TestUsers users;
    @Inject
    Values values;

    @Inject
    Db db;

    private Territory t;
    private LocalDate today;
    private final Random random = new Random();

    @BeforeEach
    void territory() {
        t = Territory.create(zones);
        projections.skipAll();
        today = LocalDate.now(brujula.timezone());
    }

    /** Creates a work through the API; returns its id and today's planned percent. */
    private Object[] work(Territory.Area area, String programme, long budget, LocalDate start, LocalDate end) {
        double[] p = t.point(area, random);
        String code = "IND-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath w = given().header("Authorization", users.bearer("admin-indicadores", Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Obra de prueba " + code, "programme", programme, "budgetMxn", budget,
                        "plannedStart", start.toString(), "plannedEnd", end.toString(),
                        "geometry", Map.of("type", "Point", "coordinates", List.of(p[0], p[1]))))
                .post("/api/v1/works").then().statusCode(201).extract().jsonPath();
        List<PlanPoint> curve = w.getList("plannedCurve", Map.class).stream()
                .map(m -> new PlanPoint(LocalDate.parse((String) m.get("date")), ((Number) m.get("percent")).doubleValue())).toList();
        return new Object[]{UUID.fromString(w.getString("id")), PlannedProgress.at(curve, today).orElseThrow()};
    }

    private UUID report(UUID work, Territory.Area area, int percent, int hoursAgo) {
        UUID id = UUID.randomUUID();
        field.write(Field.at(Items.worksProgress(id, work, percent), t.point(area, random),
                OffsetDateTime.now(ZoneOffset.ofHours(-7)).minusHours(hoursAgo).withNano(0)));
        return id;
    }

    @AfterEach
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void averageProgressAndDelayFollowTheLatestActiveReportOfEachWork() {
        LocalDate month = PeriodType.MONTH.start(today);
        Object[] behind = work(AGEB_A, "FORTALECE", 1_000_000, today.minusDays(120), today.plusDays(120));
        Object[] onTime = work(AGEB_B, "Ramo 33", 3_000_000, today.minusDays(5), today.plusDays(300));
        double plannedBehind = (double) behind[1];
        double plannedOnTime = (double) onTime[1];
        assertThat(plannedBehind).isBetween(40.0, 60.0);
        assertThat(plannedOnTime).isLessThan(config.worksDelayPoints());
        report((UUID) behind[0], AGEB_A, 10, 48);
        report((UUID) onTime[0], AGEB_B, 1, 2);
        projections.run(projector);

        assertThat(values.get("WORKS_AVERAGE_PROGRESS", t.locality, month)).get().matches(f -> f.is("11", "2", "5.5"));
        assertThat(values.get("WORKS_DELAYED_SHARE", t.agebA, month)).get().matches(f -> f.is("1", "1", "100"));
        assertThat(values.get("WORKS_DELAYED_SHARE", t.locality, month)).get().matches(f -> f.is("1", "2", "50"));

        // A newer report catches up; archiving it brings the older one back.
        UUID catchUp = report((UUID) behind[0], AGEB_A, 55, 1);
        projections.run(projector);
        assertThat(values.get("WORKS_AVERAGE_PROGRESS", t.municipality, month)).get().matches(f -> f.is("56", "2", "28"));
        assertThat(values.get("WORKS_DELAYED_SHARE", t.locality, month)).get().matches(f -> f.is("0", "2", "0"));
        field.status(catchUp, ObservationStatus.ARCHIVED);
        projections.run(projector);
        assertThat(values.get("WORKS_AVERAGE_PROGRESS", t.municipality, month)).get().matches(f -> f.is("11", "2", "5.5"));
        assertThat(recompute.differences(t.municipality)).isEmpty();
    }

    @Test
    void aWorkAddedToTheCatalogueMovesTheInvestmentFiguresThroughItsEvent() {
        LocalDate start = LocalDate.of(2024, 3, 1);
        work(AGEB_B, "FAISMUN", 1_200_000, start, start.plusMonths(3));        // AGEB B: 3,000 people

        org.awaitility.Awaitility.await().atMost(mx.implan.brujula.testing.Pipeline.PROJECTION_WAIT).untilAsserted(() ->
                assertThat(values.get("PUBLIC_WORKS_INVESTMENT_PER_INHABITANT", t.agebB, LocalDate.of(2024, 1, 1), "programme:FAISMUN"))
                        .get().matches(f -> f.is("1200000", "3000", "400")));
    }

    @Test
    void investmentPerInhabitantIsSplitByMarginalisationGradeAndProgramme() {
        LocalDate start = LocalDate.of(2025, 3, 1);
        work(AGEB_A, "FORTALECE", 2_000_000, start, start.plusMonths(6));        // AGEB A: grade 4, 1,000 people
        work(AGEB_A, "Ramo 33", 500_000, start.plusMonths(1), start.plusMonths(7));
        work(AGEB_B, "FORTALECE", 900_000, start, start.plusMonths(2));         // AGEB B: grade 0, 3,000 people
        refresh.refresh();

        LocalDate y2025 = LocalDate.of(2025, 1, 1);
        String code = "PUBLIC_WORKS_INVESTMENT_PER_INHABITANT";
        assertThat(values.get(code, t.locality, y2025)).get().matches(f -> f.is("3400000", "6000", "566.6667"));
        assertThat(values.get(code, t.locality, y2025, "grade:4")).get().matches(f -> f.is("2500000", "1000", "2500"));
        assertThat(values.get(code, t.locality, y2025, "grade:0")).get().matches(f -> f.is("900000", "3000", "300"));
        assertThat(values.get(code, t.municipality, y2025, "programme:FORTALECE")).get().matches(f -> f.is("2900000", "8000", "362.5"));
        assertThat(values.get(code, t.agebB, y2025, "programme:Ramo 33")).isEmpty();
        assertThat(values.get("HIGH_MARGINALISATION_POPULATION_SHARE", t.locality, LocalDate.of(2020, 1, 1))).get()
                .matches(f -> f.is("1000", "4000", "25"));
        assertThat(values.get("POPULATION_DENSITY", t.agebB, LocalDate.of(2020, 1, 1))).get().matches(f -> f.is("3000", "1", "3000"));
    }
}
