package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.List;

/** The JSON of the open-data API: indicators with texts in Spanish and English, and their values. */
@ApplicationScoped
public class IndicatorDocuments {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String BASE = "/api/v1/indicators/";

    @Inject
    IndicatorConfig config;

    public ObjectNode indicator(Indicator i) {
        ObjectNode n = F.objectNode();
        n.put("code", i.code());
        n.set("name", text(i.name()));
        ObjectNode category = n.putObject("category");
        category.put("code", i.category().code());
        category.set("name", text(i.category().name()));
        n.set("unit", text(i.unit()));
        n.set("formula", text(i.formula()));
        n.put("source", i.source());
        n.put("periodicity", i.periodicity().name());
        if (i.polarity().isPresent()) {
            n.put("polarity", i.polarity().get().name());
        } else {
            n.putNull("polarity");
        }
        if (i.target().isPresent()) {
            n.put("target", plain(i.target().get()));
            n.put("targetNote", i.targetNote().orElse(null));
        } else {
            n.putNull("target");
        }
        n.put("scale", plain(i.scale()));
        n.put("method", i.method().name());
        strings(n.putArray("levels"), i.levels());
        strings(n.putArray("dimensions"), i.dimensions());
        i.valueLabels().ifPresent(l -> n.set("valueLabels", l));
        ObjectNode links = n.putObject("links");
        links.put("self", BASE + i.code());
        links.put("values", BASE + i.code() + "/values");
        links.put("csv", BASE + i.code() + "/values?f=csv");
        return n;
    }

    public ObjectNode category(Indicator.Category c) {
        ObjectNode n = F.objectNode();
        n.put("code", c.code());
        n.set("name", text(c.name()));
        return n;
    }

    public ObjectNode value(IndicatorValues.Value v, Indicator i) {
        ObjectNode n = F.objectNode();
        n.put("zoneId", v.zoneId());
        n.put("zoneName", v.zoneName());
        n.put("level", v.level());
        n.put("periodType", v.periodType().name());
        n.put("periodStart", v.periodStart().toString());
        n.put("periodEnd", v.periodType().end(v.periodStart()).toString());
        n.put("dimension", v.dimension());
        n.put("numerator", plain(v.numerator()));
        n.put("denominator", plain(v.denominator()));
        n.put("value", plain(v.value()));
        JsonNode label = label(v, i);
        if (label != null) {
            n.set("valueLabel", label);
        }
        String semaphore = semaphore(v, i);
        if (semaphore != null) {
            n.put("semaphore", semaphore);
        }
        n.put("origin", v.origin());
        n.put("source", v.source() != null ? v.source() : i.source());
        n.put("updatedAt", v.updatedAt().toString());
        return n;
    }

    /** GREEN / YELLOW / RED, or null without a target or a value. */
    String semaphore(IndicatorValues.Value v, Indicator i) {
        return Semaphore.of(v.value(), i, config.semaphoreTolerance()).map(Enum::name).orElse(null);
    }

    /** The name of a coded value (the marginalisation grade), or null. */
    static JsonNode label(IndicatorValues.Value v, Indicator i) {
        if (v.value() == null || i.valueLabels().isEmpty()) {
            return null;
        }
        JsonNode l = i.valueLabels().get().get(v.value().stripTrailingZeros().toPlainString());
        return l == null || l.isNull() ? null : l;
    }

    /** Numbers as written, without trailing zeros of the stored scale (13.6240 → 13.624). */
    static BigDecimal plain(BigDecimal n) {
        if (n == null) {
            return null;
        }
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static ObjectNode text(Indicator.Text t) {
        ObjectNode n = F.objectNode();
        n.put("es", t.es());
        n.put("en", t.en());
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
