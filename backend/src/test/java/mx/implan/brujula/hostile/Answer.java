package mx.implan.brujula.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.testing.Items;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every answer to hostile input must be: never a 5xx; a 4xx in the endpoint's error format — problem+json with
 * {@code type}, {@code title}, {@code status} and a stable UPPER_SNAKE {@code code}, field errors named by JSON path
 * (never {@code $}); under {@code /open311/v2/} the GeoReport error list in the path's format — and no class,
 * package, library or SQL text in any body.
 */
final class Answer {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    /** A JSON path relative to the body: {@code a.b[0].c}, {@code ""} for the body or item itself. */
    private static final Pattern FIELD = Pattern.compile("(|[^.\\[\\]$][^.\\[\\]]*(\\[\\d+])*(\\.[^.\\[\\]]+(\\[\\d+])*)*)");
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$.]+\\([\\w$]*\\.java(:\\d+)?\\)");
    private static final Pattern XML_ERRORS = Pattern.compile(
            "(?s)\\s*(<\\?xml[^>]*\\?>)?\\s*<errors>(\\s*<error>\\s*<code>\\d{3}</code>\\s*<description>[^<]*</description>\\s*</error>)+\\s*</errors>\\s*");
    static final List<String> LEAKS = List.of("mx.implan", "java.", "javax.", "com.fasterxml", "jakarta.", "org.hibernate",
            "org.postgresql", "io.vertx", "io.quarkus", "io.smallrye", "org.jboss", "Exception", "Cannot deserialize",
            "JsonParseException", "ERROR:", "SQLState", "SQLSTATE", "Hibernate", "Jackson", "RESTEASY", "Caused by");

    private Answer() {
    }

    /** Checks {@code reply} to a request on {@code path}; throws an AssertionError naming what is wrong. */
    static void check(String path, Reply reply) {
        if (reply.status() >= 500) {
            fail(reply, "a 5xx answer");
        }
        noLeak(reply);
        if (reply.status() < 400) {
            return;
        }
        if (path.startsWith("/open311/v2/")) {
            geoReport(path, reply);
        } else {
            problem(reply);
        }
    }

    static void noLeak(Reply reply) {
        for (String leak : LEAKS) {
            if (reply.body().contains(leak)) {
                fail(reply, "the body leaks '" + leak + "'");
            }
        }
        if (STACK_FRAME.matcher(reply.body()).find()) {
            fail(reply, "the body carries a stack frame");
        }
    }

    static void problem(Reply reply) {
        if (!reply.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            fail(reply, "not application/problem+json");
        }
        JsonNode p = json(reply);
        if (!p.isObject() || !p.path("type").isTextual() || !p.path("title").isTextual()) {
            fail(reply, "a problem without type or title");
        }
        if (p.path("status").asInt(-1) != reply.status()) {
            fail(reply, "the problem's status is not the HTTP status");
        }
        if (!CODE.matcher(p.path("code").asText("")).matches()) {
            fail(reply, "no stable UPPER_SNAKE code");
        }
        fieldErrors(reply, p.path("errors"));
    }

    /** Field errors of a problem or of a push result: each a JSON path and a stable code. */
    static void fieldErrors(Reply reply, JsonNode errors) {
        if (errors.isMissingNode() || errors.isNull()) {
            return;
        }
        if (!errors.isArray()) {
            fail(reply, "errors is not a list");
        }
        for (JsonNode e : errors) {
            if (e.has("field") && (!e.get("field").isTextual() || !FIELD.matcher(e.get("field").asText()).matches())) {
                fail(reply, "a field that is not a JSON path: " + e.get("field"));
            }
            if (!CODE.matcher(e.path("code").asText("")).matches()) {
                fail(reply, "a field error without a stable code: " + e);
            }
        }
    }

    static void geoReport(String path, Reply reply) {
        String file = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean xml = file.toLowerCase(Locale.ROOT).endsWith(".xml");
        String type = reply.contentType().toLowerCase(Locale.ROOT);
        if (xml) {
            if (!type.contains("xml") || !XML_ERRORS.matcher(reply.body()).matches()) {
                fail(reply, "not a GeoReport XML <errors> list");
            }
            if (!reply.body().contains("<code>" + reply.status() + "</code>")) {
                fail(reply, "the GeoReport error code is not the HTTP status");
            }
            return;
        }
        if (!type.startsWith("application/json")) {
            fail(reply, "not a GeoReport JSON error list (content type)");
        }
        JsonNode list = json(reply);
        if (!list.isArray() || list.isEmpty()) {
            fail(reply, "not a GeoReport JSON error list");
        }
        for (JsonNode e : list) {
            if (e.path("code").asInt(-1) != reply.status() || !e.path("description").isTextual() || e.size() != 2) {
                fail(reply, "a GeoReport error that is not {code, description} with the HTTP status");
            }
        }
    }

    static JsonNode json(Reply reply) {
        try {
            return Items.JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + reply.describe());
        }
    }

    static void fail(Reply reply, String what) {
        throw new AssertionError(what + ": " + reply.describe());
    }
}
