package mx.implan.brujula.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * An administrative command run as {@code java -jar quarkus-run.jar <name…> args}, with the whole
 * application (CDI, datasource, Flyway) started, so commands reuse the same services as the API.
 * The {@code ./brujula} script is the friendly front door to these.
 */
public interface BrujulaCommand {

    /** Words that select this command, e.g. {@code ["admin", "create-user"]} or {@code ["import-works"]}. */
    List<String> name();

    /** One-line usage shown by {@code --help}. */
    String usage();

    /** Runs with the arguments after the name; returns the process exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
