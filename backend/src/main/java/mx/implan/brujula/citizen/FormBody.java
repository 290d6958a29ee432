package mx.implan.brujula.citizen;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body (UTF-8), names to values in order. */
final class FormBody {

    private FormBody() {
    }

    static Map<String, List<String>> parse(String body, Open311Text t) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), t);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), t);
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String s, Open311Text t) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw Open311Error.badRequest(t.get("error.malformedForm"));
        }
    }
}
