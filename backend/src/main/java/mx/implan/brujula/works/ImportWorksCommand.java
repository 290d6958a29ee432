package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;
import mx.implan.brujula.http.UnreadableFileException;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.cli.BrujulaCommand;
import mx.implan.brujula.http.ProblemMessages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code import-works FILE [--dry-run] [--lang=en]}: imports a works catalogue (CSV or GeoJSON) and
 * prints one line per row plus the counts. Exit 0 when the file could be read — even if rows were
 * rejected, which the report lists — 1 when it could not, 2 on bad usage.
 */
@ApplicationScoped
@Unremovable
public class ImportWorksCommand implements BrujulaCommand {

    @Inject
    WorksImport worksImport;

    @Override
    public List<String> name() {
        return List.of("import-works");
    }

    @Override
    public String usage() {
        return "FILE [--dry-run] [--lang=es|en]   import the public works catalogue (CSV or GeoJSON)";
    }

    @Override
    @ActivateRequestContext
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        Locale locale = Locale.forLanguageTag("es");
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--dry-run")) {
                dryRun = true;
            } else if (a.startsWith("--lang=")) {
                locale = Locale.forLanguageTag(a.substring("--lang=".length()));
            } else if (a.startsWith("--")) {
                err.println("Unknown option " + a + "\nUsage: import-works " + usage());
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            err.println("Usage: import-works " + usage());
            return 2;
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println(text("import.cli.UNREADABLE_FILE", locale, "Cannot read {0}", file));
            return 1;
        }
        String user = System.getProperty("user.name", "unknown");
        Actor actor = new Actor("cli:" + user, Set.of(Roles.ADMIN));
        ImportReport report;
        try {
            report = worksImport.importFile(file, actor, dryRun);
        } catch (IOException e) {
            err.println(text("import.cli.UNREADABLE_FILE", locale, "Cannot read {0}", file) + ": " + e.getMessage());
            return 1;
        } catch (UnreadableFileException e) {
            err.println(file + ": " + e.message(locale));
            return 1;
        }
        print(report, file, locale, out);
        return 0;
    }

    static void print(ImportReport report, Path file, Locale locale, PrintStream out) {
        out.println(text("import.cli.HEADER", locale, "Import of {0} ({1}, {2})", file, report.format(), report.encoding()));
        if (!report.ignoredColumns().isEmpty()) {
            out.println(text("import.cli.IGNORED", locale, "Ignored columns: {0}", String.join(", ", report.ignoredColumns())));
        }
        for (ImportReport.Row r : report.rows()) {
            out.printf("%s %d\t%s\t%s%n", text("import.cli.ROW", locale, "row"), r.row(),
                    r.code() == null ? "-" : r.code(), text("import.outcome." + r.result().name(), locale, r.result().name()));
            for (FieldIssue i : r.errors()) {
                out.printf("\t%s [%s] %s%n", i.field(), i.code(), i.message(locale));
            }
        }
        out.println(text("import.cli.TOTALS", locale, "created={0} updated={1} unchanged={2} rejected={3}",
                String.valueOf(report.created()), String.valueOf(report.updated()),
                String.valueOf(report.unchanged()), String.valueOf(report.rejected())));
        if (report.dryRun()) {
            out.println(text("import.cli.DRY_RUN", locale, "Dry run: nothing was written"));
        }
    }

    private static String text(String key, Locale locale, String fallback, Object... args) {
        return ProblemMessages.detail(key, locale, fallback, args);
    }
}
