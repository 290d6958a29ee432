package mx.implan.brujula.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import mx.implan.brujula.config.BrujulaConfig;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The query parameters of the GeoReport v2 GETs, parsed strictly: each at most once, dates in the
 * W3C format with a four-digit year (1900–2100), canonical UUIDs, bounded lists. Every bad value
 * is a 400 in the spec's format naming the parameter (404 for another {@code jurisdiction_id}).
 */
@ApplicationScoped
public class RequestFilters {

    /** Earliest and latest years a date parameter may name: what can be compared and stored exactly. */
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;
    private static final Pattern W3C = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?");

    @Inject
    Open311Config config;
    @Inject
    BrujulaConfig brujula;

    /** A date window, both ends inclusive. */
    public record Window(OffsetDateTime start, OffsetDateTime end) {
    }

    /** The value of a single-valued query parameter: null when absent, 400 when given twice. */
    static String single(MultivaluedMap<String, String> query, String name, Open311Text t) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw Open311Error.badRequest(t.get("error.repeated", name));
        }
        return values.get(0);
    }

    /** The parameters every GeoReport v2 GET shares: {@code jurisdiction_id}. */
    void common(MultivaluedMap<String, String> query, Open311Text t) {
        Jurisdiction.check(single(query, "jurisdiction_id", t), config, t);
    }

    /** The filter of {@code GET requests}; {@code reporter} (mine=true) limits it to one account's reports. */
    public CitizenReportQuery.Filter requests(MultivaluedMap<String, String> query, String reporter, Open311Text t) {
        common(query, t);
        String ids = single(query, "service_request_id", t);
        String codes = single(query, "service_code", t);
        String status = single(query, "status", t);
        Window window = window(query, t);
        if (ids != null && !ids.isBlank()) {
            String[] parts = ids.split(",", -1);
            if (parts.length > config.maxResults()) {
                throw Open311Error.badRequest(t.get("error.tooManyIds", config.maxResults()));
            }
            List<UUID> list = new ArrayList<>();
            for (String part : parts) {
                list.add(ReportForm.uuid(part.strip())
                        .orElseThrow(() -> Open311Error.badRequest(t.get("error.invalidRequestId", part.strip()))));
            }
            return new CitizenReportQuery.Filter(list, null, null, null, null, reporter, config.maxResults());
        }
        Set<String> services = null;
        if (codes != null && !codes.isBlank()) {
            services = new LinkedHashSet<>();
            for (String code : codes.split(",", -1)) {
                String c = code.strip();
                services.add(ServiceCatalogue.find(c).orElseThrow(() -> Open311Error.badRequest(t.get("error.unknownService", c))).code());
            }
        }
        Boolean open = null;
        if (status != null && !status.isBlank()) {
            Set<Boolean> wanted = new LinkedHashSet<>();
            for (String s : status.split(",", -1)) {
                switch (s.strip().toLowerCase(Locale.ROOT)) {
                    case "open" -> wanted.add(true);
                    case "closed" -> wanted.add(false);
                    default -> throw Open311Error.badRequest(t.get("error.status"));
                }
            }
            open = wanted.size() == 1 ? wanted.iterator().next() : null;
        }
        return new CitizenReportQuery.Filter(null, services, open, window.start(), window.end(), reporter, config.maxResults());
    }

    /**
     * {@code start_date}/{@code end_date}: either may be omitted (the window then ends now, or
     * spans the widest allowed from the given end); the window may not pass
     * {@code brujula.open311.max-window}.
     */
    public Window window(MultivaluedMap<String, String> query, Open311Text t) {
        OffsetDateTime end = date("end_date", single(query, "end_date", t), true, t);
        OffsetDateTime start = date("start_date", single(query, "start_date", t), false, t);
        if (end == null) {
            end = start == null ? OffsetDateTime.now(ZoneOffset.UTC) : start.plus(config.maxWindow());
        }
        if (start == null) {
            start = end.minus(config.maxWindow());
        }
        if (end.isBefore(start)) {
            throw Open311Error.badRequest(t.get("error.endBeforeStart"));
        }
        if (start.plus(config.maxWindow()).isBefore(end)) {
            throw Open311Error.badRequest(t.get("error.windowTooWide", config.maxWindow().toDays()));
        }
        return new Window(start, end);
    }

    /** {@code mine}: true or false (case-insensitive), absent = false. */
    static boolean mine(MultivaluedMap<String, String> query, Open311Text t) {
        String raw = single(query, "mine", t);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Open311Error.badRequest(t.get("error.mineValue"));
        };
    }

    /** A W3C date-time ({@code 2026-11-25T10:00:00-07:00}, {@code …Z}) or a date (whole day in the municipality's zone). */
    private OffsetDateTime date(String field, String raw, boolean endOfDay, Open311Text t) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (!W3C.matcher(text).matches()) {
            throw Open311Error.badRequest(t.get("error.date", field));
        }
        OffsetDateTime value;
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                value = (endOfDay ? day.plusDays(1).atStartOfDay(brujula.timezone()).minusNanos(1) : day.atStartOfDay(brujula.timezone()))
                        .toOffsetDateTime();
            } else {
                value = OffsetDateTime.parse(text);
            }
        } catch (DateTimeException invalid) {
            throw Open311Error.badRequest(t.get("error.date", field));
        }
        if (value.getYear() < MIN_YEAR || value.getYear() > MAX_YEAR) {
            throw Open311Error.badRequest(t.get("error.dateRange", field, MIN_YEAR, MAX_YEAR));
        }
        return value;
    }
}
