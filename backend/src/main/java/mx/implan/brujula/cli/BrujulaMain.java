package mx.implan.brujula.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Without arguments: the server. With arguments: one administrative command, then exit. */
@QuarkusMain
public class BrujulaMain implements QuarkusApplication {

    @Inject
    @Any
    Instance<BrujulaCommand> commands;

    public static void main(String... args) {
        Quarkus.run(BrujulaMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        List<String> words = Arrays.asList(args);
        Optional<BrujulaCommand> match = commands.stream()
                .filter(c -> words.size() >= c.name().size() && words.subList(0, c.name().size()).equals(c.name()))
                .max(Comparator.comparingInt(c -> c.name().size()));
        if (match.isEmpty()) {
            System.err.println("Unknown command: " + String.join(" ", words));
            commands.stream().forEach(c -> System.err.println("  " + String.join(" ", c.name()) + " " + c.usage()));
            return 2;
        }
        BrujulaCommand command = match.get();
        return command.run(words.subList(command.name().size(), words.size()), System.out, System.err);
    }
}
