package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.validation.ValidationCodes;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.geojson.GeoJsonException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@link WorkDraft} field by field and collects every problem (not just the first), so an
 * administrator fixes a catalogue row in one pass. Pure: no database, no CDI, same rules for the
 * CSV/GeoJSON import and for {@code POST /api/v1/works}.
 */
public final class WorkValidator {

    public static final int MAX_CODE = 64;
    public static final int MAX_NAME = 300;
    public static final int MAX_SHORT_TEXT = 300;
    public static final int MAX_DESCRIPTION = 4_000;
    /** numeric(16,2): 14 integer digits. */
    static final BigDecimal MAX_BUDGET = new BigDecimal("99999999999999.99");
    private static final BigDecimal HALF_CENTAVO = new BigDecimal("0.005");
    /** Longest budget text read: a spreadsheet's "$ 99,999,999,999,999.99" with room to spare. */
    private static final int MAX_BUDGET_TEXT = 40;

    static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    /** Mexican spreadsheets write dates day first. */
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Either a work or the reasons there is none. */
    public record Result(WorkInput work, List<FieldIssue> issues) {
        public boolean valid() {
            return issues.isEmpty();
        }
    }

    private WorkValidator() {
    }

    public static Result validate(WorkDraft d) {
        List<FieldIssue> issues = new ArrayList<>();
        String code = text(d, WorkDraft.CODE, MAX_CODE, true, issues);
        if (code != null && code.codePoints().anyMatch(Character::isISOControl)) {
            issues.add(new FieldIssue(d.field(WorkDraft.CODE), "CODE_FORMAT", "The code has control characters"));
        }
        String name = text(d, WorkDraft.NAME, MAX_NAME, true, issues);
        String programme = text(d, WorkDraft.PROGRAMME, MAX_SHORT_TEXT, false, issues);
        String fund = text(d, WorkDraft.FUND, MAX_SHORT_TEXT, false, issues);
        String contractor = text(d, WorkDraft.CONTRACTOR, MAX_SHORT_TEXT, false, issues);
        String description = text(d, WorkDraft.DESCRIPTION, MAX_DESCRIPTION, false, issues);
        BigDecimal budget = budget(d, issues);
        LocalDate start = date(d, WorkDraft.START, issues);
        LocalDate end = date(d, WorkDraft.END, issues);
        if (start != null && end != null && end.isBefore(start)) {
            issues.add(new FieldIssue(d.field(WorkDraft.END), "DATE_ORDER", "The end date is before the start date"));
        }
        List<CurvePoint> curve = curve(d, issues);
        Geometry geometry = WorkGeometry.of(d, issues);
        if (!issues.isEmpty()) {
            return new Result(null, List.copyOf(issues));
        }
        return new Result(new WorkInput(code, name, programme, fund, budget, contractor, start, end, curve,
                description, geometry), List.of());
    }

    // ---- scalar fields ----

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isBlank());
    }

    /** A scalar as trimmed text; numbers are accepted as their text (a code like 1024 in a GeoJSON). */
    private static String text(WorkDraft d, String key, int max, boolean required, List<FieldIssue> issues) {
        JsonNode n = d.value(key);
        if (absent(n)) {
            if (required) {
                issues.add(new FieldIssue(d.field(key), "REQUIRED", "Required"));
            }
            return null;
        }
        if (!n.isValueNode()) {
            issues.add(new FieldIssue(d.field(key), "INVALID_TYPE", "Must be text"));
            return null;
        }
        String s = n.asText().strip();
        if (s.indexOf('\u0000') >= 0) {
            issues.add(new FieldIssue(d.field(key), "INVALID_CHARACTER", "Contains a NUL character (U+0000)"));
            return null;
        }
        if (s.codePointCount(0, s.length()) > max) {
            issues.add(new FieldIssue(d.field(key), "TOO_LONG", "Longer than " + max + " characters", String.valueOf(max)));
            return null;
        }
        return s;
    }

    private static BigDecimal budget(WorkDraft d, List<FieldIssue> issues) {
        JsonNode n = d.value(WorkDraft.BUDGET);
        if (absent(n)) {
            return null;
        }
        String field = d.field(WorkDraft.BUDGET);
        BigDecimal value;
        if (n.isNumber()) {
            if (!Double.isFinite(n.doubleValue()) && !n.isBigDecimal()) {
                issues.add(new FieldIssue(field, "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
                return null;
            }
            value = n.decimalValue();
        } else if (n.isTextual()) {
            String s = n.asText().strip();
            if (s.length() > MAX_BUDGET_TEXT) {
                issues.add(new FieldIssue(field, "TOO_LARGE", "Too large"));
                return null;
            }
            if (s.startsWith("$")) {
                s = s.substring(1).strip();
            }
            if (THOUSANDS.matcher(s).matches()) {
                s = s.replace(",", "");
            }
            try {
                value = new BigDecimal(s);
            } catch (NumberFormatException e) {
                issues.add(new FieldIssue(field, "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
                return null;
            }
        } else {
            issues.add(new FieldIssue(field, "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
            return null;
        }
        if (value.signum() < 0) {
            issues.add(new FieldIssue(field, "NEGATIVE", "Must not be negative"));
            return null;
        }
        // Compared before rounding: rounding 1e999999999 (or 1e-999999999) would expand it digit by digit.
        if (value.compareTo(MAX_BUDGET) > 0) {
            issues.add(new FieldIssue(field, "TOO_LARGE", "Too large"));
            return null;
        }
        if (value.compareTo(HALF_CENTAVO) < 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        // Centavos are the smallest unit of the column; more decimals are rounded, not refused.
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static LocalDate date(WorkDraft d, String key, List<FieldIssue> issues) {
        JsonNode n = d.value(key);
        if (absent(n)) {
            return null;
        }
        return storableDate(d.field(key), n, issues);
    }

    /** A calendar date within the years every Brújula date is accepted in (the column would take more, no reader would). */
    private static LocalDate storableDate(String field, JsonNode n, List<FieldIssue> issues) {
        LocalDate date = n.isTextual() ? parseDate(n.asText().strip()) : null;
        if (date == null) {
            issues.add(new FieldIssue(field, "BAD_DATE", "Not a date (YYYY-MM-DD or DD/MM/YYYY)", n.asText()));
            return null;
        }
        if (date.getYear() < Limits.MIN_YEAR || date.getYear() > Limits.MAX_YEAR) {
            issues.add(new FieldIssue(field, ValidationCodes.DATE_RANGE, "The date must fall between the years {1} and {2}",
                    n.asText(), String.valueOf(Limits.MIN_YEAR), String.valueOf(Limits.MAX_YEAR)));
            return null;
        }
        return date;
    }

    static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDate.parse(s, DAY_FIRST);
            } catch (DateTimeParseException notDayFirst) {
                return null;
            }
        }
    }

    /** An explicit curve: ascending dates, non-decreasing percentages within 0–100. */
    private static List<CurvePoint> curve(WorkDraft d, List<FieldIssue> issues) {
        JsonNode n = d.value(WorkDraft.CURVE);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String field = d.field(WorkDraft.CURVE);
        if (!n.isArray()) {
            issues.add(new FieldIssue(field, "INVALID_TYPE", "Must be a list of {date, percent}"));
            return null;
        }
        if (n.isEmpty()) {
            return null;
        }
        List<CurvePoint> points = new ArrayList<>();
        int before = issues.size();
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            String at = FieldPath.index(field, i);
            if (!p.isObject()) {
                issues.add(new FieldIssue(at, "INVALID_TYPE", "Must be a list of {date, percent}"));
                continue;
            }
            LocalDate date = storableDate(FieldPath.join(at, "date"), p.path("date"), issues);
            JsonNode percent = p.path("percent");
            if (!percent.isNumber()) {
                issues.add(new FieldIssue(FieldPath.join(at, "percent"), "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
            } else if (percent.doubleValue() < Limits.MIN_PERCENT || percent.doubleValue() > Limits.MAX_PERCENT) {
                issues.add(new FieldIssue(FieldPath.join(at, "percent"), "PERCENT_RANGE", "Must be between 0 and 100"));
            } else if (date != null) {
                CurvePoint point = new CurvePoint(date, percent.doubleValue());
                if (!points.isEmpty()) {
                    CurvePoint last = points.get(points.size() - 1);
                    if (!point.date().isAfter(last.date()) || point.percent() < last.percent()) {
                        issues.add(new FieldIssue(at, "CURVE_ORDER", "Dates must increase and percentages must not decrease"));
                    }
                }
                points.add(point);
            }
        }
        return issues.size() == before ? List.copyOf(points) : null;
    }

}
