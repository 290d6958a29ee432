package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-data catalogue in DCAT-AP style JSON-LD: a {@code dcat:Catalog} published by IMPLAN
 * Hermosillo with one {@code dcat:Dataset} per indicator, each with a CSV and a JSON
 * {@code dcat:Distribution} of its values. Titles and descriptions in Spanish and English;
 * {@code dct:modified} is when the indicator's values last changed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DcatCatalogue {

    /** Libre Uso MX, the licence of Mexico's open-data policy. */
    static final String LICENCE = "https://www.datos.gob.mx/libreusomx";
    static final String PUBLISHER = "IMPLAN Hermosillo";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<PeriodType, String> FREQUENCY = Map.of(
            PeriodType.MONTH, "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
            PeriodType.QUARTER, "http://publications.europa.eu/resource/authority/frequency/QUARTERLY",
            PeriodType.YEAR, "http://publications.europa.eu/resource/authority/frequency/ANNUAL");

    @Inject
    IndicatorCatalogue catalogue;
    @Inject
    IndicatorConfig config;
    @Inject
    EntityManager em;

    public ObjectNode build() {
        String base = stripSlash(config.publicBaseUrl());
        Map<String, OffsetDateTime> modified = lastModified();
        ObjectNode doc = F.objectNode();
        ObjectNode context = doc.putObject("@context");
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        doc.put("@id", base + "/api/v1/opendata/catalog.jsonld");
        doc.put("@type", "dcat:Catalog");
        doc.set("dct:title", text("Sistema Municipal de Indicadores de Hermosillo", "Hermosillo Municipal Indicator System"));
        doc.set("dct:description", text(
                "Indicadores urbanos, sociales, económicos, culturales y ambientales del municipio por AGEB, localidad y municipio: datos abiertos del IMPLAN.",
                "Urban, social, economic, cultural and environmental indicators of the municipality per AGEB, locality and municipality: the IMPLAN's open data."));
        doc.set("dct:publisher", publisher());
        doc.set("dct:license", id(LICENCE));
        ArrayNode languages = doc.putArray("dct:language");
        languages.add(id("http://publications.europa.eu/resource/authority/language/SPA"));
        languages.add(id("http://publications.europa.eu/resource/authority/language/ENG"));
        doc.set("foaf:homepage", id(base + "/api/v1/indicators"));
        OffsetDateTime latest = modified.values().stream().max(OffsetDateTime::compareTo).orElse(null);
        if (latest != null) {
            doc.set("dct:modified", dateTime(latest));
        }
        ArrayNode datasets = doc.putArray("dcat:dataset");
        for (Indicator i : catalogue.list(java.util.Optional.empty())) {
            datasets.add(dataset(i, base, modified.get(i.code())));
        }
        return doc;
    }

    private ObjectNode dataset(Indicator i, String base, OffsetDateTime modified) {
        String self = base + IndicatorDocuments.BASE + i.code();
        ObjectNode d = F.objectNode();
        d.put("@id", self);
        d.put("@type", "dcat:Dataset");
        d.put("dct:identifier", i.code());
        d.set("dct:title", text(i.name().es(), i.name().en()));
        d.set("dct:description", text(i.formula().es(), i.formula().en()));
        ArrayNode keywords = d.putArray("dcat:keyword");
        keywords.add(lang(i.category().name().es(), "es"));
        keywords.add(lang(i.category().name().en(), "en"));
        d.put("dct:source", i.source());
        d.set("dct:publisher", publisher());
        d.set("dct:license", id(LICENCE));
        d.set("dct:accrualPeriodicity", id(FREQUENCY.get(i.periodicity())));
        d.set("dcat:landingPage", id(self));
        if (modified != null) {
            d.set("dct:modified", dateTime(modified));
        }
        ArrayNode distributions = d.putArray("dcat:distribution");
        distributions.add(distribution(self + "/values?f=csv", "text/csv", "CSV", i));
        distributions.add(distribution(self + "/values", "application/json", "JSON", i));
        return d;
    }

    private static ObjectNode distribution(String url, String mediaType, String format, Indicator i) {
        ObjectNode d = F.objectNode();
        d.put("@type", "dcat:Distribution");
        d.set("dct:title", text(i.name().es() + " (" + format + ")", i.name().en() + " (" + format + ")"));
        d.set("dcat:accessURL", id(url));
        d.set("dcat:downloadURL", id(url));
        d.set("dcat:mediaType", id("https://www.iana.org/assignments/media-types/" + mediaType));
        d.put("dct:format", format);
        d.set("dct:license", id(LICENCE));
        return d;
    }

    private Map<String, OffsetDateTime> lastModified() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT indicator_code, max(updated_at) FROM indicator_value GROUP BY indicator_code")
                .getResultList();
        Map<String, OffsetDateTime> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], r[1] instanceof OffsetDateTime t ? t
                    : r[1] instanceof java.time.Instant in ? in.atOffset(ZoneOffset.UTC)
                    : ((java.sql.Timestamp) r[1]).toInstant().atOffset(ZoneOffset.UTC));
        }
        return out;
    }

    private static ObjectNode publisher() {
        ObjectNode p = F.objectNode();
        p.put("@type", "foaf:Organization");
        p.put("foaf:name", PUBLISHER);
        return p;
    }

    private static ArrayNode text(String es, String en) {
        ArrayNode a = F.arrayNode();
        a.add(lang(es, "es"));
        a.add(lang(en, "en"));
        return a;
    }

    private static ObjectNode lang(String value, String language) {
        return F.objectNode().put("@value", value).put("@language", language);
    }

    private static ObjectNode id(String iri) {
        return F.objectNode().put("@id", iri);
    }

    private static ObjectNode dateTime(OffsetDateTime t) {
        return F.objectNode().put("@value", t.withOffsetSameInstant(ZoneOffset.UTC).withNano(0).toString()).put("@type", "xsd:dateTime");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
