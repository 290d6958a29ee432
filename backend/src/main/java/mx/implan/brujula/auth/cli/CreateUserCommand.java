package mx.implan.brujula.auth.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.cli.BrujulaCommand;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.RequestLocale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code admin create-user --username U --role R (--password P | --password-stdin) [--display-name N]}.
 * Exit 0: created. Exit 1: refused (invalid value, username taken; nothing changed). Exit 2: usage.
 * {@code --password-stdin} keeps the password out of the process list and shell history.
 */
@ApplicationScoped
public class CreateUserCommand implements BrujulaCommand {

    private static final Set<String> VALUED = Set.of("--username", "--role", "--password", "--display-name");
    private static final Set<String> FLAGS = Set.of("--password-stdin");

    @Inject
    UserService users;

    @Override
    public List<String> name() {
        return List.of("admin", "create-user");
    }

    @Override
    public String usage() {
        return "--username U --role citizen|inspector|supervisor|admin (--password P | --password-stdin) [--display-name N]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** As {@link #run(List, PrintStream, PrintStream)} with an explicit standard input (tests). */
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (FLAGS.contains(arg) && value == null) {
                options.put(arg, "");
            } else if (VALUED.contains(arg)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        return usageError(err, arg + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.put(arg, value);
            } else {
                return usageError(err, "unknown argument " + arg);
            }
        }
        if (!options.containsKey("--username") || !options.containsKey("--role")) {
            return usageError(err, "--username and --role are required");
        }
        boolean fromStdin = options.containsKey("--password-stdin");
        if (fromStdin == options.containsKey("--password")) {
            return usageError(err, "give exactly one of --password or --password-stdin");
        }
        String password;
        if (fromStdin) {
            try {
                password = firstLine(in);
            } catch (IOException e) {
                err.println("error: cannot read the password from standard input: " + e.getMessage());
                return 1;
            }
        } else {
            password = options.get("--password");
        }

        try {
            AppUser user = users.create(options.get("--username"), options.get("--role"), password,
                    options.get("--display-name"), cliLocale());
            out.printf("Created user '%s' with role %s.%n", user.username, user.role);
            return 0;
        } catch (ApiProblem problem) {
            err.println("error: " + ProblemMessages.detail(problem.code(), cliLocale(), problem.getMessage(), problem.args())
                    + " (" + problem.code() + ")");
            for (FieldError field : problem.errors()) {
                err.printf("  %s: %s (%s)%n", field.field(), field.message(), field.code());
            }
            err.println("No user was created.");
            return 1;
        }
    }

    private int usageError(PrintStream err, String message) {
        err.println("error: " + message);
        err.println("usage: " + String.join(" ", name()) + " " + usage());
        return 2;
    }

    /** Reads one line without the line break; a pipe without a trailing newline is fine. */
    private static String firstLine(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line;
    }

    /** Messages follow the operator's LANG when it is English, Spanish otherwise (the product's default). */
    private static Locale cliLocale() {
        return RequestLocale.from(Locale.getDefault().toLanguageTag());
    }
}
