package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.RequestLocale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Sistema Municipal de Indicadores as open data: the catalogue and every value, in JSON and CSV,
 * for anyone, without an account. Only aggregates per zone and period are published (no
 * observation, no person). Parameters are parsed by {@link ValueParameters}; documents are built by
 * {@link IndicatorDocuments} and {@link ValuesCsv}.
 */
@Path("/api/v1/indicators")
@Tag(name = "Indicators (SMI)", description = "Sistema Municipal de Indicadores: catalogue and values per zone and period, JSON and CSV, open data")
@PermitAll
public class IndicatorResource {

    public static final String CSV = "text/csv; charset=UTF-8; header=present";

    @Inject
    IndicatorCatalogue catalogue;
    @Inject
    IndicatorValues values;
    @Inject
    IndicatorDocuments documents;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The indicator catalogue", description = "Every indicator (code, names, category, unit, formula, source, periodicity, polarity, target), optionally of one category; with the list of categories.")
    public ObjectNode list(@QueryParam("category") String category, @Context HttpHeaders headers) {
        Locale locale = locale(headers);
        List<Indicator.Category> categories = catalogue.categories();
        Optional<String> wanted = Optional.ofNullable(category).map(String::strip).filter(c -> !c.isEmpty());
        if (wanted.isPresent() && categories.stream().noneMatch(c -> c.code().equals(wanted.get()))) {
            throw ValueParameters.invalid("category", "UNKNOWN_CATEGORY", locale, "Unknown category; one of: {0}",
                    String.join(", ", categories.stream().map(Indicator.Category::code).toList()));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        catalogue.list(wanted).forEach(i -> items.add(documents.indicator(i)));
        body.putNull("next");
        ArrayNode cats = body.putArray("categories");
        categories.forEach(c -> cats.add(documents.category(c)));
        return body;
    }

    @GET
    @Path("{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One indicator by code")
    public ObjectNode get(@PathParam("code") String code) {
        return documents.indicator(indicator(code));
    }

    @GET
    @Path("{code}/values")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Values of one indicator", description = "Per zone and period, with numerator, denominator and the semáforo where a target exists. Filters: level (AGEB, LOCALITY, MUNICIPALITY), zone (id), from/to (period start, YYYY-MM-DD), period (MONTH, QUARTER, YEAR), dimension (TOTAL or e.g. hazard:INUNDACION). f=csv (or Accept: text/csv) for RFC 4180 CSV (every value, no pages); JSON in keyset pages of limit (default 1000, max 10000).")
    public Response values(@PathParam("code") String code, @QueryParam("level") String level, @QueryParam("zone") String zone,
                           @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("period") String period,
                           @QueryParam("dimension") String dimension, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor, @QueryParam("f") String format, @Context HttpHeaders headers) {
        Locale locale = locale(headers);
        Indicator indicator = indicator(code);
        ValueParameters p = ValueParameters.parse(code, level, zone, from, to, period, dimension, limit, cursor, format, locale);
        if (p.query().zone().isPresent() && !values.zoneExists(p.query().zone().get())) {
            throw ValueParameters.invalid("zone", "UNKNOWN_ZONE", locale, "Zone {0} does not exist", p.query().zone().get());
        }
        if (p.csv() || (format == null && prefersCsv(headers))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Stream<IndicatorValues.Value> all = values.all(p.query())) {
                ValuesCsv.write(indicator, all.iterator(), documents, out);
            }
            return Response.ok(out.toByteArray(), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + indicator.code().toLowerCase(Locale.ROOT) + ".csv\"")
                    .build();
        }
        List<IndicatorValues.Value> page = values.page(p.query());
        boolean more = page.size() > p.query().limit();
        List<IndicatorValues.Value> shown = more ? page.subList(0, p.query().limit()) : page;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode about = body.putObject("indicator");
        about.put("code", indicator.code());
        about.set("name", documents.indicator(indicator).get("name"));
        about.set("unit", documents.indicator(indicator).get("unit"));
        ArrayNode items = body.putArray("items");
        shown.forEach(v -> items.add(documents.value(v, indicator)));
        body.put("next", more ? ValueParameters.cursor(code, shown.get(shown.size() - 1).key()) : null);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** Without {@code f}, an {@code Accept} that names CSV and not JSON asks for CSV. */
    private static boolean prefersCsv(HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return accepted.stream().anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()))
                && accepted.stream().noneMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
    }

    private Indicator indicator(String code) {
        return catalogue.find(code).orElseThrow(() -> ApiProblem.notFound("INDICATOR_NOT_FOUND", "Indicator {0} does not exist", code));
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
