package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.http.RequestLocale;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Alert titles in Spanish and English from the {@code alerts} bundles (the mechanism of the
 * {@code problems} bundles), written from an alert's details when it is read, so a corrected
 * text applies to old alerts too.
 */
final class AlertTitles {

    private static final String BUNDLE = "alerts";

    private AlertTitles() {
    }

    static Map<String, String> of(AlertKind kind, JsonNode d) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Locale locale : RequestLocale.SUPPORTED) {
            titles.put(locale.getLanguage(), title(kind, d, locale));
        }
        return titles;
    }

    static String title(AlertKind kind, JsonNode d, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] args = switch (kind) {
            case RISK_HIGH_SEVERITY -> new Object[]{hazard(bundle, d), d.path("severity").asInt()};
            case RISK_UNATTENDED -> new Object[]{hazard(bundle, d), d.path("severity").asInt(), d.path("days").asLong()};
            case WORK_DELAYED -> new Object[]{d.path("code").asText(), d.path("name").asText(""), d.path("delayPoints").asDouble(),
                    d.path("plannedToday").asDouble(), d.path("lastActual").asDouble()};
        };
        return new MessageFormat(bundle.getString(kind.name()), locale).format(args);
    }

    private static String hazard(ResourceBundle bundle, JsonNode d) {
        String hazard = d.path("hazard").asText("");
        String key = "hazard." + hazard;
        return bundle.containsKey(key) ? bundle.getString(key) : hazard;
    }
}
