package mx.implan.brujula.ogc;

import mx.implan.brujula.http.QueryParams;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code datetime} parameter: an instant, a date (the whole day in the municipality's
 * time zone), or an interval {@code start/end} where either end may be open ({@code ..} or empty).
 */
public final class Datetimes {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** {@code from} inclusive; {@code to} inclusive unless {@code toExclusive} (a date's next midnight). */
    public record Range(Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, boolean toExclusive) {
    }

    private final ZoneId zone;

    public Datetimes(ZoneId zone) {
        this.zone = zone;
    }

    public Optional<Range> parse(String raw, Locale locale) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            if (text.isEmpty() || text.equals("..")) {
                throw invalid(locale);
            }
            return Optional.of(single(text, locale));
        }
        if (text.indexOf('/', slash + 1) >= 0) {
            throw invalid(locale);
        }
        String a = text.substring(0, slash).strip();
        String b = text.substring(slash + 1).strip();
        Optional<Range> start = open(a) ? Optional.empty() : Optional.of(single(a, locale));
        Optional<Range> end = open(b) ? Optional.empty() : Optional.of(single(b, locale));
        Range range = new Range(start.flatMap(Range::from), end.flatMap(Range::to), end.map(Range::toExclusive).orElse(false));
        if (range.from().isPresent() && range.to().isPresent() && range.from().get().isAfter(range.to().get())) {
            throw QueryParams.invalid("datetime", "DATETIME_INVERTED", locale, "The interval ends before it starts");
        }
        return Optional.of(range);
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    private Range single(String text, Locale locale) {
        if (DATE.matcher(text).matches()) {
            LocalDate day;
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(locale);
            }
            return new Range(Optional.of(day.atStartOfDay(zone).toOffsetDateTime()),
                    Optional.of(day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()), true);
        }
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(locale);
        }
        if (instant.getYear() < 1 || instant.getYear() > 9999) {
            throw invalid(locale);
        }
        return new Range(Optional.of(instant), Optional.of(instant), false);
    }

    private static RuntimeException invalid(Locale locale) {
        return QueryParams.invalid("datetime", "OGC_DATETIME_FORMAT", locale,
                "Expected an RFC 3339 date-time or date, or an interval start/end where either end may be ..");
    }
}
