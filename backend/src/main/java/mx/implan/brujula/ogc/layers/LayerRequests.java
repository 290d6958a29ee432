package mx.implan.brujula.ogc.layers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.FieldIssue;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.ogc.OgcCollection.Audience;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks what an administrator sends to register or change a layer, field by field: a 422 names
 * every field that is wrong (format, unknown table, a table that cannot be published, a time
 * column that is not a date or timestamp) before anything is written.
 */
@ApplicationScoped
class LayerRequests {

    static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final int MAX_ID = 64;
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 4000;
    /** PostgreSQL's identifier length (NAMEDATALEN - 1). */
    static final int MAX_TABLE = 63;

    @Inject
    LayerCatalogue catalogue;

    /** A registration that passed every check. */
    record Checked(String id, LayerTable table, String title, String description, Audience audience, Optional<String> timeColumn) {
    }

    /** A change that passed every check; empty members stay as they are. */
    record Change(Optional<String> title, Optional<String> description, Optional<Audience> audience, Optional<String> timeColumn) {
    }

    Checked checkNew(LayerRegistry.NewLayer in, Locale locale) {
        List<FieldIssue> issues = new ArrayList<>();
        String tableName = strip(in.table());
        LayerTable table = null;
        if (tableName == null || tableName.isEmpty()) {
            issues.add(required("table"));
        } else if (tableName.length() > MAX_TABLE || tableName.indexOf('\0') >= 0) {
            issues.add(new FieldIssue("table", "LAYER_UNKNOWN_TABLE", "No table {0} in schema layers", tableName));
        } else {
            table = catalogue.table(tableName).orElse(null);
            if (table == null) {
                issues.add(new FieldIssue("table", "LAYER_UNKNOWN_TABLE", "No table {0} in schema layers", tableName));
            } else {
                issues.addAll(table.problems());
            }
        }
        String id = strip(in.id());
        if (id == null && tableName != null) {
            id = slugOf(tableName);
        }
        if (id == null || id.isEmpty()) {
            issues.add(required("id"));
        } else if (id.length() > MAX_ID || !SLUG.matcher(id).matches()) {
            issues.add(new FieldIssue("id", "LAYER_ID_FORMAT",
                    "Lowercase letters, digits and single hyphens, starting with a letter, at most {0} characters", MAX_ID));
        }
        String title = strip(in.title());
        if (title == null || title.isEmpty()) {
            issues.add(required("title"));
        } else {
            length(issues, "title", title, MAX_TITLE);
        }
        String description = strip(in.description()) == null ? "" : strip(in.description());
        length(issues, "description", description, MAX_DESCRIPTION);
        Audience audience = null;
        if (in.audience() == null) {
            issues.add(required("audience"));
        } else {
            audience = audience(in.audience(), issues);
        }
        Optional<String> time = Optional.ofNullable(strip(in.timeColumn())).filter(s -> !s.isEmpty());
        if (table != null && time.isPresent()) {
            timeColumn(table, time.get(), issues);
        }
        fail(issues, locale);
        return new Checked(id, table, title, description, audience, time);
    }

    /** {@code table} is null when the registered table is gone: texts and audience can still change, the time cannot. */
    Change checkChange(LayerRegistry.LayerChange in, LayerTable table, Locale locale) {
        List<FieldIssue> issues = new ArrayList<>();
        Optional<String> title = Optional.ofNullable(strip(in.title()));
        title.ifPresent(t -> {
            if (t.isEmpty()) {
                issues.add(required("title"));
            }
            length(issues, "title", t, MAX_TITLE);
        });
        Optional<String> description = Optional.ofNullable(strip(in.description()));
        description.ifPresent(d -> length(issues, "description", d, MAX_DESCRIPTION));
        Optional<Audience> audience = Optional.ofNullable(in.audience()).map(a -> audience(a, issues));
        Optional<String> time = Optional.ofNullable(strip(in.timeColumn()));
        time.filter(t -> !t.isEmpty()).ifPresent(t -> {
            if (table == null) {
                issues.add(new FieldIssue("timeColumn", "LAYER_UNKNOWN_COLUMN", "The table has no column {0}", t));
            } else {
                timeColumn(table, t, issues);
            }
        });
        fail(issues, locale);
        return new Change(title, description, audience, time);
    }

    ApiProblem conflict(String code, String field, String fallback, Locale locale, Object arg) {
        FieldIssue issue = new FieldIssue(field, code, fallback, arg);
        return new ApiProblem(409, code, "Conflict", fallback, List.of(issue.toFieldError(locale)), arg);
    }

    /** The collection id a table gets when none is given: {@code escuelas_primarias} → {@code escuelas-primarias}. */
    static String slugOf(String table) {
        String slug = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "layer-" + slug : slug;
    }

    private static void timeColumn(LayerTable table, String name, List<FieldIssue> issues) {
        Optional<LayerTable.Column> c = table.column(name);
        if (c.isEmpty()) {
            issues.add(new FieldIssue("timeColumn", "LAYER_UNKNOWN_COLUMN", "The table has no column {0}", name));
        } else if (!c.get().temporal()) {
            issues.add(new FieldIssue("timeColumn", "LAYER_NOT_TEMPORAL", "Column {0} is {1}, not a date or timestamp",
                    name, c.get().sqlType()));
        }
    }

    private static Audience audience(String raw, List<FieldIssue> issues) {
        for (Audience a : Audience.values()) {
            if (a.name().equals(raw.strip())) {
                return a;
            }
        }
        issues.add(new FieldIssue("audience", "INVALID_ENUM", "Allowed values: PUBLIC, STAFF", "PUBLIC, STAFF"));
        return null;
    }

    private static void length(List<FieldIssue> issues, String field, String value, int max) {
        if (value.length() > max) {
            issues.add(new FieldIssue(field, "TOO_LONG", "More than {0} characters", max));
        }
    }

    private static FieldIssue required(String field) {
        return new FieldIssue(field, "REQUIRED", "Required");
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static void fail(List<FieldIssue> issues, Locale locale) {
        if (!issues.isEmpty()) {
            List<FieldError> errors = issues.stream().map(i -> i.toFieldError(locale)).toList();
            throw ApiProblem.validation(errors);
        }
    }
}
