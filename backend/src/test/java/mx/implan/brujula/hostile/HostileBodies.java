package mx.implan.brujula.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.testing.Items;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Valid bodies, one per endpoint family, that the generators damage. */
final class HostileBodies {

    private HostileBodies() {
    }

    static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static ObjectNode object() {
        return Items.JSON.createObjectNode();
    }

    static ObjectNode signIn() {
        return object().put("username", "hostile-login").put("password", HostileBackend.PASSWORD);
    }

    static ObjectNode refresh(String token) {
        return object().put("refreshToken", token);
    }

    static ObjectNode work(String code) {
        ObjectNode work = object().put("code", code).put("name", "Obra hostil").put("programme", "FORTALECE")
                .put("fund", "Ramo 23").put("budgetMxn", 1000).put("plannedStart", "2025-04-01")
                .put("plannedEnd", "2025-10-31");
        work.set("geometry", Items.point(Items.LON, Items.LAT));
        return work;
    }

    static ObjectNode featureCollection() {
        ObjectNode fc = object().put("type", "FeatureCollection");
        ObjectNode feature = fc.putArray("features").addObject().put("type", "Feature");
        feature.set("geometry", Items.point(Items.LON, Items.LAT));
        feature.putObject("properties").put("code", "HOSTIL-IMP-" + fresh()).put("name", "Obra importada")
                .put("budget_mxn", "1000.50").put("planned_start", "2025-01-15").put("planned_end", "2025-09-30");
        return fc;
    }

    static ObjectNode newUser() {
        return object().put("username", "hostil-" + fresh()).put("displayName", "Usuario hostil").put("role", "inspector")
                .put("password", "contraseña-larga-1").put("active", true);
    }

    static ObjectNode userChange() {
        return object().put("displayName", "Inspectora objetivo").put("role", "inspector").put("active", true);
    }

    static ObjectNode password() {
        return object().put("password", "otra-contraseña-1");
    }

    static ObjectNode zones() {
        ObjectNode body = object();
        body.putArray("zones");
        return body;
    }

    static ObjectNode resolution() {
        return object().put("resolution", "TAKE_SERVER");
    }

    static ObjectNode decision() {
        return object().put("decision", "REJECTED").put("reason", "Foto borrosa");
    }

    static ObjectNode status(long rev) {
        return object().put("status", "VERIFIED").put("reason", "Revisado en campo").put("rev", rev);
    }

    static ObjectNode location() {
        return object().put("lat", Items.LAT).put("long", Items.LON);
    }

    static ObjectNode missing(String sha) {
        ObjectNode body = object();
        body.putArray("hashes").add(sha);
        return body;
    }

    static ObjectNode contact() {
        return object().put("firstName", "Ana").put("phone", "6621234567");
    }

    static ObjectNode observation() {
        return Items.risk(UUID.randomUUID());
    }

    /** An anonymous Open311 report with contact data. */
    static Map<String, String> report() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", "RISK_INUNDACION");
        form.put("lat", "29.0729");
        form.put("long", "-110.9613");
        form.put("description", "Calle inundada");
        form.put("email", "hostil@example.mx");
        form.put("first_name", "Vecina");
        return form;
    }
}
