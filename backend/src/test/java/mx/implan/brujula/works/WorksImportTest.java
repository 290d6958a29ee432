package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;
import mx.implan.brujula.http.UnreadableFileException;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

@QuarkusTest
class WorksImportTest {

    static final Actor ADMIN = new Actor("import-test", java.util.Set.of("admin"));

    /**
     * Line 1 header (with an unknown column), then: good point (2), bad date (3), negative budget (4),
     * latitude 95 (5), missing name (6), duplicate of line 2's code (7), good line in WKT with a
     * quoted comma (8).
     */
    static final String MIXED_CSV = """
            code,name,programme,fund,budget_mxn,contractor,planned_start,planned_end,lon,lat,wkt,description,color
            IMP-OK-1,Obra buena uno,SEDATU - Programa de Mejoramiento Urbano,Ramo 15,1500000.50,Constructora X,2025-01-15,2025-09-30,-110.9613,29.0729,,Centro,rojo
            IMP-BAD-DATE,Fecha imposible,FORTALECE,Ramo 23,1000,,2025-13-45,2025-12-01,-110.95,29.08,,,azul
            IMP-NEG,Presupuesto negativo,FORTALECE,Ramo 23,-5,,2025-01-01,2025-12-01,-110.95,29.08,,,
            IMP-LAT,Latitud fuera de rango,FORTALECE,Ramo 23,10,,2025-01-01,2025-12-01,-110.95,95,,,
            IMP-NONAME,,FORTALECE,Ramo 23,10,,2025-01-01,2025-12-01,-110.95,29.08,,,
            IMP-OK-1,Copia con la misma clave,FORTALECE,Ramo 23,10,,2025-01-01,2025-12-01,-110.95,29.08,,,
            IMP-OK-2,"Ciclovía, tramo norte",CONAGUA - PROAGUA,Ramo 16,250000,,01/03/2026,30/11/2026,,,"LINESTRING(-110.968 29.0832, -110.954 29.0828)",Línea,
            """;

    @Inject
    WorksImport worksImport;

    @Inject
    ImportWorksCommand command;

    @Inject
    DemoReferenceData demo;

    @Inject
    Db db;

    @BeforeEach
    void zonesLoaded() {
        demo.load();
    }

    private ImportReport importCsv(String csv) {
        return worksImport.importBytes(csv.getBytes(StandardCharsets.UTF_8), WorksImport.Format.CSV, ADMIN, false);
    }

    private static UUID id(String code) {
        return Ids.nameBased("work:" + code);
    }

    private long changeLogRows(String code) {
        return db.count("SELECT count(*) FROM change_log WHERE entity_type = 'work' AND entity_id = ?", id(code).toString());
    }

    @Test
    void csvWithBadRowsKeepsTheGoodOnesAndReportsEachBadRowByLine() {
        db.update("DELETE FROM public_work WHERE code LIKE 'IMP-%'");

        ImportReport report = importCsv(MIXED_CSV);

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(5);
        assertThat(report.updated()).isZero();
        assertThat(report.unchanged()).isZero();
        assertThat(report.ignoredColumns()).containsExactly("color");
        assertThat(report.rows()).extracting(ImportReport.Row::row, ImportReport.Row::code, ImportReport.Row::result)
                .containsExactly(
                        tuple(2, "IMP-OK-1", Outcome.CREATED),
                        tuple(3, "IMP-BAD-DATE", Outcome.REJECTED),
                        tuple(4, "IMP-NEG", Outcome.REJECTED),
                        tuple(5, "IMP-LAT", Outcome.REJECTED),
                        tuple(6, "IMP-NONAME", Outcome.REJECTED),
                        tuple(7, "IMP-OK-1", Outcome.REJECTED),
                        tuple(8, "IMP-OK-2", Outcome.CREATED));
        assertThat(errors(report, 3)).containsExactly(tuple("planned_start", "BAD_DATE"));
        assertThat(errors(report, 4)).containsExactly(tuple("budget_mxn", "NEGATIVE"));
        assertThat(errors(report, 5)).containsExactly(tuple("lat", "LAT_RANGE"));
        assertThat(errors(report, 6)).containsExactly(tuple("name", "REQUIRED"));
        assertThat(errors(report, 7)).containsExactly(tuple("code", "DUPLICATE_CODE"));
        FieldIssue duplicate = report.rows().get(5).errors().get(0);
        assertThat(duplicate.message(Locale.forLanguageTag("es"))).isEqualTo("La clave ya aparece en la fila 2 de este archivo");
        assertThat(duplicate.message(Locale.ENGLISH)).isEqualTo("The code already appears in row 2 of this file");

        assertThat(db.column("SELECT code FROM public_work WHERE code LIKE 'IMP-%' ORDER BY code"))
                .containsExactly("IMP-OK-1", "IMP-OK-2");
        // The first occurrence of a duplicated code is the one kept.
        assertThat(db.one("SELECT name FROM public_work WHERE code = 'IMP-OK-1'")).isEqualTo("Obra buena uno");
        assertThat(db.one("SELECT CAST(budget_mxn AS text) FROM public_work WHERE code = 'IMP-OK-1'")).isEqualTo("1500000.50");
        assertThat(db.one("SELECT CAST(planned_start AS text) FROM public_work WHERE code = 'IMP-OK-2'")).isEqualTo("2026-03-01");
        assertThat(db.one("SELECT GeometryType(geom) FROM public_work WHERE code = 'IMP-OK-2'")).isEqualTo("LINESTRING");
        assertThat(db.one("SELECT CAST(id AS text) FROM public_work WHERE code = 'IMP-OK-1'")).isEqualTo(id("IMP-OK-1").toString());
        // The downtown point lies in AGEB 2603000013047.
        assertThat(db.one("SELECT zone_id FROM public_work WHERE code = 'IMP-OK-1'")).isEqualTo("2603000013047");
        assertThat(changeLogRows("IMP-OK-1")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'work' AND entity_id = ? AND actor = 'import-test' AND action = 'CREATE' AND before IS NULL AND after->>'code' = 'IMP-OK-1'",
                id("IMP-OK-1").toString())).isEqualTo(1);
    }

    private static List<org.assertj.core.groups.Tuple> errors(ImportReport report, int row) {
        return report.rows().stream().filter(r -> r.row() == row).findFirst().orElseThrow().errors().stream()
                .map(i -> tuple(i.field(), i.code())).toList();
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        importCsv(MIXED_CSV);
        long changes = db.count("SELECT count(*) FROM change_log");
        long audits = db.count("SELECT count(*) FROM audit_log");
        Object updatedAt = db.one("SELECT CAST(updated_at AS text) FROM public_work WHERE code = 'IMP-OK-2'");

        ImportReport again = importCsv(MIXED_CSV);

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.rejected()).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM change_log")).isEqualTo(changes);
        assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(audits);
        assertThat(db.one("SELECT CAST(updated_at AS text) FROM public_work WHERE code = 'IMP-OK-2'")).isEqualTo(updatedAt);
    }

    @Test
    void changedRowIsUpdatedWithNewRevChangeLogAndAudit() {
        String csv = """
                code,name,programme,fund,budget_mxn,contractor,planned_start,planned_end,lon,lat,wkt,description
                IMP-UPD,Obra a modificar,FORTALECE,Ramo 23,1000,,2025-01-01,2025-12-31,-110.9613,29.0729,,
                """;
        importCsv(csv);
        long rev = db.count("SELECT rev FROM public_work WHERE code = 'IMP-UPD'");
        long logRows = changeLogRows("IMP-UPD");

        ImportReport report = importCsv(csv.replace(",1000,", ",2000,"));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.rows().get(0).rev()).isEqualTo(rev + 1);
        assertThat(db.count("SELECT rev FROM public_work WHERE code = 'IMP-UPD'")).isEqualTo(rev + 1);
        assertThat(changeLogRows("IMP-UPD")).isEqualTo(logRows + 1);
        assertThat(db.count("SELECT max(rev) FROM change_log WHERE entity_type = 'work' AND entity_id = ?", id("IMP-UPD").toString()))
                .isEqualTo(rev + 1);
        assertThat(db.one("""
                SELECT before->>'budgetMxn' || ' -> ' || (after->>'budgetMxn') FROM audit_log
                WHERE entity_type = 'work' AND entity_id = ? AND action = 'UPDATE' ORDER BY id DESC LIMIT 1""",
                id("IMP-UPD").toString())).isEqualTo("1000.00 -> 2000.00");
    }

    @Test
    void geoJsonFeatureCollectionIsImportedWithFieldPathsForBadFeatures() {
        String geojson = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-110.9565, 29.0790]},
                   "properties": {"code": "GJ-1", "name": "Punto GeoJSON", "programme": "FORTALECE",
                                  "budget_mxn": 1234567.891, "planned_start": "2025-02-01", "planned_end": "2025-08-01",
                                  "planned_curve": [{"date": "2025-02-01", "percent": 0}, {"date": "2025-05-01", "percent": 40},
                                                    {"date": "2025-08-01", "percent": 100}]}},
                  {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[-110.931, 29.084], [-110.929, 29.084],
                                  [-110.929, 29.086], [-110.931, 29.086], [-110.931, 29.084]]]},
                   "properties": {"code": "GJ-2", "name": "Polígono GeoJSON", "extra": true}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-110.95, 95]},
                   "properties": {"code": "GJ-3", "name": "Latitud mala"}},
                  {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": [[-110.95, 29.08]]},
                   "properties": {"code": "GJ-4", "name": "Tipo no admitido"}},
                  {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[-110.93, 29.08], [-110.92, 29.09],
                                  [-110.92, 29.08], [-110.93, 29.09], [-110.93, 29.08]]]},
                   "properties": {"code": "GJ-5", "name": "Moño (se cruza)"}}
                ]}
                """;
        ImportReport report = worksImport.importBytes(geojson.getBytes(StandardCharsets.UTF_8),
                WorksImport.Format.GEOJSON, ADMIN, false);

        assertThat(report.format()).isEqualTo("GEOJSON");
        assertThat(report.ignoredColumns()).containsExactly("extra");
        assertThat(report.rows()).extracting(ImportReport.Row::row, ImportReport.Row::result).containsExactly(
                tuple(1, report.rows().get(0).result()), tuple(2, report.rows().get(1).result()),
                tuple(3, Outcome.REJECTED), tuple(4, Outcome.REJECTED), tuple(5, Outcome.REJECTED));
        assertThat(report.rows().get(0).result()).isIn(Outcome.CREATED, Outcome.UNCHANGED);
        assertThat(errors(report, 3)).containsExactly(tuple("geometry.coordinates[1]", "LAT_RANGE"));
        assertThat(errors(report, 4)).containsExactly(tuple("geometry.type", "GEOMETRY_TYPE"));
        assertThat(errors(report, 5)).containsExactly(tuple("geometry", "SELF_INTERSECTION"));
        assertThat(db.one("SELECT CAST(budget_mxn AS text) FROM public_work WHERE code = 'GJ-1'")).isEqualTo("1234567.89");
        assertThat(db.one("SELECT CAST(planned_curve -> 1 ->> 'percent' AS text) FROM public_work WHERE code = 'GJ-1'")).isEqualTo("40.0");
        assertThat(db.one("SELECT zone_id FROM public_work WHERE code = 'GJ-2'")).isEqualTo("2603000015217");
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code IN ('GJ-3', 'GJ-4', 'GJ-5')")).isZero();
    }

    @Test
    void missingPlannedCurveIsDerivedAsAnSCurveFromTheDates() {
        importCsv("""
                code,name,planned_start,planned_end,lon,lat
                IMP-CURVE,Curva derivada,2025-01-01,2025-12-31,-110.9613,29.0729
                """);
        List<Object> percents = db.column("""
                SELECT CAST(p ->> 'percent' AS double precision) FROM public_work w, jsonb_array_elements(w.planned_curve) p
                WHERE w.code = 'IMP-CURVE'""");
        assertThat(percents).hasSize(13); // start, the 1st of Feb..Dec, end
        assertThat(percents.get(0)).isEqualTo(0.0);
        assertThat(percents.get(percents.size() - 1)).isEqualTo(100.0);
        assertThat(percents.stream().map(p -> (Double) p).toList()).isSorted();
        // S-shaped: the first month advances less than the middle month.
        double first = (Double) percents.get(1);
        double middle = (Double) percents.get(7) - (Double) percents.get(6);
        assertThat(first).isLessThan(middle);
    }

    @Test
    void dryRunReportsWhatWouldHappenAndWritesNothing() {
        db.update("DELETE FROM public_work WHERE code = 'IMP-DRY'");
        long changes = db.count("SELECT count(*) FROM change_log");
        ImportReport report = worksImport.importBytes("""
                code,name,lon,lat
                IMP-DRY,Simulación,-110.9613,29.0729
                """.getBytes(StandardCharsets.UTF_8), WorksImport.Format.CSV, ADMIN, true);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.created()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code = 'IMP-DRY'")).isZero();
        assertThat(db.count("SELECT count(*) FROM change_log")).isEqualTo(changes);
    }

    @Test
    void rowNumbersAreFileLinesEvenWithCommentsAndMultiLineFields() {
        ImportReport report = importCsv("""
                # comentario antes del encabezado
                code,name,lon,lat,description
                IMP-ML-1,"Obra con
                dos líneas",-110.9613,29.0729,"y
                una descripción
                larga"
                # comentario entre filas

                IMP-ML-2,,-110.9613,29.0729,
                """);
        assertThat(report.rows()).extracting(ImportReport.Row::row, ImportReport.Row::result)
                .containsExactly(tuple(3, report.rows().get(0).result()), tuple(9, Outcome.REJECTED));
        assertThat(report.rows().get(0).result()).isIn(Outcome.CREATED, Outcome.UNCHANGED);
    }

    @Test
    void spreadsheetExportsInWindows1252WithSemicolonsAreRead() {
        String csv = "code;name;lon;lat\nIMP-1252;Pavimentación en Álamos;-110.9613;29.0729\n";
        ImportReport report = worksImport.importBytes(csv.getBytes(Charset.forName("windows-1252")),
                WorksImport.Format.CSV, ADMIN, false);
        assertThat(report.encoding()).isEqualTo("windows-1252");
        assertThat(report.rejected()).isZero();
        assertThat(db.one("SELECT name FROM public_work WHERE code = 'IMP-1252'")).isEqualTo("Pavimentación en Álamos");
    }

    @Test
    void fileWithoutRequiredColumnsIsUnreadableAndWritesNothing() {
        long works = db.count("SELECT count(*) FROM public_work");
        assertThatThrownBy(() -> importCsv("codigo,nombre,lon,lat\nX,Y,-110,29\n"))
                .isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code()).isEqualTo("IMPORT_MISSING_COLUMNS");
        assertThatThrownBy(() -> importCsv("code,name,lon,lat\n\"IMP-Q,unterminated,-110,29\n"))
                .isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code()).isEqualTo("IMPORT_UNREADABLE");
        assertThatThrownBy(() -> worksImport.importBytes("{\"type\": \"Feature\"}".getBytes(StandardCharsets.UTF_8),
                WorksImport.Format.GEOJSON, ADMIN, false))
                .isInstanceOf(UnreadableFileException.class);
        assertThat(db.count("SELECT count(*) FROM public_work")).isEqualTo(works);
    }

    @Test
    void anUnreadableFileIsDescribedInOurWordsNeverTheParsers() {
        UnreadableFileException deep = catchThrowableOfType(UnreadableFileException.class, () -> worksImport.importBytes(
                ("{\"type\":\"FeatureCollection\",\"features\":" + "[".repeat(500) + "]".repeat(500) + "}")
                        .getBytes(StandardCharsets.UTF_8), WorksImport.Format.GEOJSON, ADMIN, true));
        assertThat(deep.code()).isEqualTo("JSON_TOO_COMPLEX");
        UnreadableFileException twice = catchThrowableOfType(UnreadableFileException.class, () -> worksImport.importBytes(
                "{\"type\":\"FeatureCollection\",\"type\":\"x\",\"features\":[]}".getBytes(StandardCharsets.UTF_8),
                WorksImport.Format.GEOJSON, ADMIN, true));
        assertThat(twice.code()).isEqualTo("DUPLICATE_KEY");
        UnreadableFileException broken = catchThrowableOfType(UnreadableFileException.class, () -> worksImport.importBytes(
                "{\"type\":\"FeatureCollection\",\n\"features\":[}".getBytes(StandardCharsets.UTF_8),
                WorksImport.Format.GEOJSON, ADMIN, true));
        UnreadableFileException csv = catchThrowableOfType(UnreadableFileException.class,
                () -> importCsv("code,name,lon,lat\n\"IMP-Q,unterminated,-110,29\n"));
        for (Locale locale : List.of(Locale.forLanguageTag("es"), Locale.ENGLISH)) {
            for (UnreadableFileException e : List.of(deep, twice, broken, csv)) {
                assertThat(e.message(locale)).as(e.code()).doesNotContain("StreamReadConstraints").doesNotContain("Jackson")
                        .doesNotContain("com.fasterxml").doesNotContain("org.apache").doesNotContain("`").doesNotContain("{0}");
            }
        }
        assertThat(broken.message(Locale.forLanguageTag("es"))).isEqualTo("No se pudo leer el archivo como GeoJSON (cerca de la línea 2)");
        assertThat(csv.message(Locale.ENGLISH)).startsWith("The file cannot be read as CSV (near line");
    }

    @Test
    void commandPrintsEachRowAndExitsZeroForAReadableFileWithBadRows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("obras.csv");
        Files.writeString(file, MIXED_CSV);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("fila 4\tIMP-NEG\tRECHAZADA", "budget_mxn [NEGATIVE] No puede ser negativo",
                "fila 5\tIMP-LAT\tRECHAZADA", "lat [LAT_RANGE]", "Columnas ignoradas: color", "rechazadas=5");
    }

    @Test
    void commandSpeaksEnglishWhenAskedAndDryRunWritesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("works.csv");
        Files.writeString(file, "code,name,lon,lat\nIMP-CLI-DRY,Solo simulación,-110.9613,29.0729\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = command.run(List.of(file.toString(), "--dry-run", "--lang=en"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("row 2\tIMP-CLI-DRY\tCREATED", "created=1", "Dry run");
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code = 'IMP-CLI-DRY'")).isZero();
    }

    @Test
    void commandExitsNonZeroOnUnreadableFiles(@TempDir Path dir) throws IOException {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command.run(List.of(dir.resolve("missing.csv").toString()), sink,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No se puede leer");

        Path broken = dir.resolve("broken.geojson");
        Files.writeString(broken, "{ not json");
        assertThat(command.run(List.of(broken.toString()), sink, sink)).isEqualTo(1);

        assertThat(command.run(List.of(), sink, sink)).isEqualTo(2);
    }
}
