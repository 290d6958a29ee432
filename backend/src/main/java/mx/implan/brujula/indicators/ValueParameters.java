package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.zones.ZoneType;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The query parameters of {@code GET /api/v1/indicators/{code}/values}, parsed; a bad one is a 400 naming it. */
record ValueParameters(IndicatorValues.Query query, boolean csv) {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static ValueParameters parse(String code, String level, String zone, String from, String to, String period,
                                 String dimension, String limit, String cursor, String format, Locale locale) {
        Optional<ZoneType> zoneType = present(level).map(l -> ZoneType.parse(l).orElseThrow(() ->
                invalid("level", "UNKNOWN_ZONE_TYPE", locale, "Must be MUNICIPALITY, LOCALITY or AGEB")));
        Optional<LocalDate> fromDate = present(from).map(f -> date("from", f, locale));
        Optional<LocalDate> toDate = present(to).map(t -> date("to", t, locale));
        if (fromDate.isPresent() && toDate.isPresent() && toDate.get().isBefore(fromDate.get())) {
            throw invalid("to", "RANGE_INVERTED", locale, "The end is before the start");
        }
        Optional<PeriodType> periodType = present(period).map(p -> PeriodType.parse(p).orElseThrow(() ->
                invalid("period", "INVALID_ENUM", locale, "Unknown value; allowed: {0}", "MONTH, QUARTER, YEAR")));
        boolean csv = switch (present(format).map(f -> f.toLowerCase(Locale.ROOT)).orElse("json")) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw invalid("f", "INVALID_ENUM", locale, "Unknown value; allowed: {0}", "json, csv");
        };
        int max = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, locale);
        Optional<IndicatorValues.Key> after = QueryParams.decodeCursor(cursorList(code), cursor, locale).map(k -> key(k, locale));
        return new ValueParameters(new IndicatorValues.Query(code, zoneType, present(zone), fromDate, toDate, periodType,
                present(dimension), max, after), csv);
    }

    /** The cursor after {@code key}, valid for this indicator's values only. */
    static String cursor(String code, IndicatorValues.Key key) {
        ArrayNode a = JSON.createArrayNode().add(key.periodStart().toString()).add(key.periodType()).add(key.zoneId())
                .add(key.dimension());
        return QueryParams.encodeCursor(cursorList(code), a.toString());
    }

    static ApiProblem invalid(String field, String code, Locale locale, String fallback, Object... args) {
        return QueryParams.invalid(field, code, locale, fallback, args);
    }

    private static String cursorList(String code) {
        return "indicator-values/" + code;
    }

    private static IndicatorValues.Key key(String text, Locale locale) {
        try {
            JsonNode a = JSON.readTree(text);
            if (a != null && a.isArray() && a.size() == 4) {
                return new IndicatorValues.Key(LocalDate.parse(a.get(0).asText()), a.get(1).asText(), a.get(2).asText(),
                        a.get(3).asText());
            }
        } catch (IOException | DateTimeParseException unreadable) {
            // said below, as for any other bad cursor
        }
        throw invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
    }

    private static LocalDate date(String name, String raw, Locale locale) {
        try {
            LocalDate d = LocalDate.parse(raw.strip());
            if (d.getYear() >= 1 && d.getYear() <= 9999) {
                return d;
            }
        } catch (DateTimeParseException bad) {
            // said below
        }
        throw invalid(name, "INVALID_DATE", locale, "Must be a date YYYY-MM-DD");
    }

    private static Optional<String> present(String raw) {
        return Optional.ofNullable(raw).map(String::strip).filter(s -> !s.isEmpty());
    }
}
