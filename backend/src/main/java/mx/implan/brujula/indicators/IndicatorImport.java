package mx.implan.brujula.indicators;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Imports values of IMPORTED indicators from CSV or JSON ({@link ValueFiles}). Every row is checked
 * before anything is written; the good ones are then upserted in one transaction by their key
 * (indicator, zone, period, dimension) — a figure already there and equal is UNCHANGED, so importing
 * a file twice changes nothing — and the bad ones are reported with their line and skipped.
 */
@ApplicationScoped
public class IndicatorImport {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d{1,20}(\\.\\d{0,12})?|\\.\\d{1,12})");
    private static final Pattern DIMENSION = Pattern.compile("TOTAL|[a-z][a-z_]{0,39}:\\S.{0,199}");
    private static final int MAX_SOURCE = 500;

    @Inject
    IndicatorCatalogue catalogue;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    /** A row that passed every check, ready to write. */
    private record Good(int index, String code, String zone, PeriodType periodType, LocalDate start, String dimension,
                        BigDecimal numerator, BigDecimal denominator, BigDecimal value, String source) {
    }

    public ImportReport importFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String[] text = ValueFiles.decode(content);
        return run(ValueFiles.parse(text[0], text[1], ValueFiles.detect(file.getFileName().toString(), text[0]), mapper));
    }

    /** {@code json}: the body is JSON (by its media type); otherwise CSV. */
    public ImportReport importBytes(byte[] content, boolean json) {
        String[] text = ValueFiles.decode(content);
        return run(ValueFiles.parse(text[0], text[1], json ? ValueFiles.Format.JSON : ValueFiles.Format.CSV, mapper));
    }

    private ImportReport run(ValueFiles.Parsed parsed) {
        Map<String, Indicator> indicators = catalogue.list(Optional.empty()).stream()
                .collect(Collectors.toMap(Indicator::code, i -> i));
        Map<String, String> zoneTypes = zoneTypes(parsed.rows());
        Map<List<String>, Integer> firstRowOfKey = new HashMap<>();
        List<ImportReport.Row> report = new ArrayList<>();
        List<Good> good = new ArrayList<>();
        for (ValueFiles.RawRow raw : parsed.rows()) {
            List<FieldIssue> issues = new ArrayList<>();
            Map<String, String> f = raw.fields();
            raw.invalid().forEach(c -> issues.add(new FieldIssue(c, "INVALID_TYPE", "Wrong data type")));
            List<String> key = Arrays.asList(f.get(ValueFiles.CODE), f.get(ValueFiles.ZONE), f.get(ValueFiles.PERIOD_TYPE),
                    f.get(ValueFiles.PERIOD_START), f.getOrDefault(ValueFiles.DIMENSION, "TOTAL"));
            for (String required : ValueFiles.REQUIRED) {
                if (!f.containsKey(required) && !raw.invalid().contains(required)) {
                    issues.add(new FieldIssue(required, "REQUIRED", "Required"));
                }
            }
            Indicator indicator = f.containsKey(ValueFiles.CODE) ? indicators.get(f.get(ValueFiles.CODE)) : null;
            if (f.containsKey(ValueFiles.CODE) && indicator == null) {
                issues.add(new FieldIssue(ValueFiles.CODE, "UNKNOWN_INDICATOR", "Indicator {0} does not exist", f.get(ValueFiles.CODE)));
            } else if (indicator != null && indicator.method() == Indicator.Method.COMPUTED) {
                issues.add(new FieldIssue(ValueFiles.CODE, "INDICATOR_COMPUTED", "Indicator {0} is computed by Brújula", indicator.code()));
            }
            String zone = f.get(ValueFiles.ZONE);
            if (zone != null) {
                String type = zoneTypes.get(zone);
                if (type == null) {
                    issues.add(new FieldIssue(ValueFiles.ZONE, "UNKNOWN_ZONE", "Zone {0} does not exist", zone));
                } else if (indicator != null && !indicator.levels().contains(type)) {
                    issues.add(new FieldIssue(ValueFiles.ZONE, "ZONE_LEVEL", "The indicator is not published for zones of level {0}", type));
                }
            }
            PeriodType periodType = null;
            if (f.containsKey(ValueFiles.PERIOD_TYPE)) {
                periodType = PeriodType.parse(f.get(ValueFiles.PERIOD_TYPE)).orElse(null);
                if (periodType == null) {
                    issues.add(new FieldIssue(ValueFiles.PERIOD_TYPE, "INVALID_ENUM", "Unknown value; allowed: {0}", "MONTH, QUARTER, YEAR"));
                }
            }
            LocalDate start = null;
            if (f.containsKey(ValueFiles.PERIOD_START)) {
                start = date(f.get(ValueFiles.PERIOD_START));
                if (start == null) {
                    issues.add(new FieldIssue(ValueFiles.PERIOD_START, "INVALID_DATE", "Must be a date YYYY-MM-DD"));
                } else if (periodType != null && !periodType.isStart(start)) {
                    issues.add(new FieldIssue(ValueFiles.PERIOD_START, "PERIOD_NOT_ALIGNED", "{0} is not the first day of a {1} period",
                            start.toString(), periodType.name()));
                }
            }
            String dimension = key.get(4);
            if (!DIMENSION.matcher(dimension).matches()) {
                issues.add(new FieldIssue(ValueFiles.DIMENSION, "DIMENSION_FORMAT", "Use TOTAL or dimension:member"));
            }
            BigDecimal value = number(f, ValueFiles.VALUE, issues);
            BigDecimal numerator = number(f, ValueFiles.NUMERATOR, issues);
            BigDecimal denominator = number(f, ValueFiles.DENOMINATOR, issues);
            boolean numbersRead = issues.stream().noneMatch(i -> "NOT_A_NUMBER".equals(i.code()));
            if (numbersRead && value == null) {
                if (numerator == null || denominator == null) {
                    issues.add(new FieldIssue(ValueFiles.VALUE, "VALUE_REQUIRED", "Give value, or numerator and denominator"));
                } else if (denominator.signum() == 0) {
                    issues.add(new FieldIssue(ValueFiles.DENOMINATOR, "DIVISION_BY_ZERO", "The denominator is zero"));
                } else if (indicator != null) {
                    value = numerator.multiply(indicator.scale()).divide(denominator, 4, RoundingMode.HALF_UP);
                }
            }
            String source = f.get(ValueFiles.SOURCE);
            if (source != null && source.length() > MAX_SOURCE) {
                issues.add(new FieldIssue(ValueFiles.SOURCE, "TOO_LONG", "Longer than {0} characters", String.valueOf(MAX_SOURCE)));
            }
            if (key.stream().limit(4).allMatch(java.util.Objects::nonNull)) {
                List<String> normalised = Arrays.asList(key.get(0), key.get(1), periodType == null ? key.get(2) : periodType.name(),
                        start == null ? key.get(3) : start.toString(), dimension);
                Integer first = firstRowOfKey.putIfAbsent(normalised, raw.row());
                if (first != null) {
                    issues.add(new FieldIssue("$", "DUPLICATE_ROW", "The same key is already in row {0}", String.valueOf(first)));
                }
            }
            if (!issues.isEmpty()) {
                report.add(new ImportReport.Row(raw.row(), raw.line(), key, ImportReport.Outcome.REJECTED, issues));
                continue;
            }
            good.add(new Good(report.size(), indicator.code(), zone, periodType, start, dimension, numerator, denominator,
                    value, source));
            report.add(null); // filled in once written
        }
        if (!good.isEmpty()) {
            List<ImportReport.Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> good.stream().map(this::write).toList());
            for (int i = 0; i < good.size(); i++) {
                Good g = good.get(i);
                ValueFiles.RawRow raw = parsed.rows().get(g.index());
                report.set(g.index(), new ImportReport.Row(raw.row(), raw.line(), Arrays.asList(g.code(), g.zone(),
                        g.periodType().name(), g.start().toString(), g.dimension()), outcomes.get(i), List.of()));
            }
        }
        return ImportReport.of(parsed.format().name(), parsed.encoding(), parsed.ignored(), report);
    }

    private ImportReport.Outcome write(Good g) {
        @SuppressWarnings("unchecked")
        List<Object> inserted = em.createNativeQuery("""
                        INSERT INTO indicator_value AS v (indicator_code, period_type, period_start, zone_id, dimension, numerator,
                                                          denominator, value, origin, source, updated_at)
                        VALUES (:code, :type, CAST(:start AS date), :zone, :dimension, CAST(NULLIF(:numerator, '') AS numeric),
                                CAST(NULLIF(:denominator, '') AS numeric), CAST(NULLIF(:value, '') AS numeric), 'IMPORTED',
                                NULLIF(:source, ''), now())
                        ON CONFLICT (indicator_code, period_start, period_type, zone_id, dimension) DO UPDATE
                            SET numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,
                                origin = excluded.origin, source = excluded.source, updated_at = now()
                            WHERE (v.numerator, v.denominator, v.value, v.origin, v.source)
                                  IS DISTINCT FROM (excluded.numerator, excluded.denominator, excluded.value, excluded.origin, excluded.source)
                        RETURNING (v.xmax = 0)""")
                .setParameter("code", g.code()).setParameter("type", g.periodType().name())
                .setParameter("start", g.start().toString()).setParameter("zone", g.zone())
                .setParameter("dimension", g.dimension())
                .setParameter("numerator", text(g.numerator())).setParameter("denominator", text(g.denominator()))
                .setParameter("value", text(g.value())).setParameter("source", g.source() == null ? "" : g.source())
                .getResultList();
        if (inserted.isEmpty()) {
            return ImportReport.Outcome.UNCHANGED;
        }
        return Boolean.TRUE.equals(inserted.get(0)) ? ImportReport.Outcome.CREATED : ImportReport.Outcome.UPDATED;
    }

    private Map<String, String> zoneTypes(List<ValueFiles.RawRow> rows) {
        List<String> ids = rows.stream().map(r -> r.fields().get(ValueFiles.ZONE)).filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, String> types = new HashMap<>();
        if (ids.isEmpty()) {
            return types;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("SELECT id, zone_type FROM zone WHERE id IN (:ids)").setParameter("ids", ids)
                .getResultList();
        found.forEach(r -> types.put((String) r[0], (String) r[1]));
        return types;
    }

    private static BigDecimal number(Map<String, String> fields, String column, List<FieldIssue> issues) {
        String raw = fields.get(column);
        if (raw == null) {
            return null;
        }
        if (!NUMBER.matcher(raw.strip()).matches()) {
            issues.add(new FieldIssue(column, "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
            return null;
        }
        return new BigDecimal(raw.strip());
    }

    private static LocalDate date(String raw) {
        try {
            LocalDate d = LocalDate.parse(raw.strip());
            return d.getYear() >= 1900 && d.getYear() <= 2100 ? d : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Numbers travel as text so that PostgreSQL keeps every digit given; "" for none. */
    private static String text(BigDecimal n) {
        return n == null ? "" : n.toPlainString();
    }
}
