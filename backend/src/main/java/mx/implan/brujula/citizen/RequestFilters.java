package mx.implan.brujula.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.config.BrujulaConfig;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The filters of {@code GET requests}, parsed: every bad value is a 400 in the spec's format naming the parameter. */
@ApplicationScoped
public class RequestFilters {

    @Inject
    Open311Config config;
    @Inject
    BrujulaConfig brujula;

    /** The query parameters of {@code GET requests}, as sent (null when absent). */
    public record Params(String ids, String codes, String status, String startDate, String endDate) {
    }

    /** The filter of these parameters; {@code reporter} (mine=true) limits it to one account's reports. */
    public CitizenReportQuery.Filter parse(Params p, String reporter, Open311Text t) {
        if (p.ids() != null && !p.ids().isBlank()) {
            List<UUID> list = new ArrayList<>();
            for (String part : p.ids().split(",")) {
                list.add(uuid(part.trim(), t));
            }
            return new CitizenReportQuery.Filter(list, null, null, null, null, reporter, config.maxResults());
        }
        Set<String> services = null;
        if (p.codes() != null && !p.codes().isBlank()) {
            services = new LinkedHashSet<>();
            for (String code : p.codes().split(",")) {
                String c = code.trim();
                services.add(ServiceCatalogue.find(c).orElseThrow(() -> Open311Error.badRequest(t.get("error.unknownService", c))).code());
            }
        }
        Boolean open = null;
        if (p.status() != null && !p.status().isBlank()) {
            Set<Boolean> wanted = new LinkedHashSet<>();
            for (String s : p.status().split(",")) {
                switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "open" -> wanted.add(true);
                    case "closed" -> wanted.add(false);
                    default -> throw Open311Error.badRequest(t.get("error.status"));
                }
            }
            open = wanted.size() == 1 ? wanted.iterator().next() : null;
        }
        OffsetDateTime end = date("end_date", p.endDate(), true, t);
        OffsetDateTime start = date("start_date", p.startDate(), false, t);
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
        return new CitizenReportQuery.Filter(null, services, open, start, end, reporter, config.maxResults());
    }

    static UUID uuid(String raw, Open311Text t) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Open311Error.badRequest(t.get("error.invalidRequestId", raw));
        }
    }

    private OffsetDateTime date(String field, String raw, boolean endOfDay, Open311Text t) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(raw.trim());
                return (endOfDay ? day.plusDays(1).atStartOfDay(brujula.timezone()).minusNanos(1) : day.atStartOfDay(brujula.timezone()))
                        .toOffsetDateTime();
            } catch (DateTimeParseException notDate) {
                throw Open311Error.badRequest(t.get("error.date", field));
            }
        }
    }
}
