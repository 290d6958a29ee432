package mx.implan.brujula.auth.cli;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class CreateUserCommandTest {

    @Inject
    CreateUserCommand command;

    @Test
    void createsAnAccountThatCanSignIn() {
        String name = AuthFixtures.uniqueUsername("cli");
        Result result = run("--username", name, "--role", "inspector", "--password", "una contraseña larga",
                "--display-name", "Ana Inspectora");

        assertThat(result.exit).isZero();
        assertThat(result.out).contains("Created user '" + name + "'").contains("inspector");
        signIn(name, "una contraseña larga").then().statusCode(200);
        assertThat(AppUser.findByUsername(name)).get().extracting(u -> u.displayName).isEqualTo("Ana Inspectora");
    }

    @Test
    void readsThePasswordFromStandardInput() {
        String name = AuthFixtures.uniqueUsername("cli");
        Result result = runWithStdin("stdin password 123\n", "--username=" + name, "--role=supervisor", "--password-stdin");

        assertThat(result.exit).isZero();
        signIn(name, "stdin password 123").then().statusCode(200);
    }

    @Test
    void refusesAnExistingUsernameAndChangesNothing() {
        String name = AuthFixtures.uniqueUsername("cli");
        assertThat(run("--username", name, "--role", "inspector", "--password", "first password!").exit).isZero();

        Result again = run("--username", name.toUpperCase(), "--role", "admin", "--password", "second password!");

        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("USERNAME_TAKEN").contains("No user was created");
        assertThat(AppUser.findByUsername(name)).get().extracting(u -> u.role).isEqualTo("inspector");
        signIn(name, "first password!").then().statusCode(200);
    }

    @Test
    void refusesAnUnknownRole() {
        String name = AuthFixtures.uniqueUsername("cli");
        Result result = run("--username", name, "--role", "root", "--password", "long enough pw");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err).contains("role").contains("UNKNOWN_ROLE");
        assertThat(AppUser.existsByUsername(name)).isFalse();
    }

    @Test
    void refusesAShortPasswordAndABadUsername() {
        Result result = run("--username", "a b", "--role", "citizen", "--password", "short");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err).contains("USERNAME_FORMAT").contains("PASSWORD_TOO_SHORT");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("--username", "someone", "--password", "long enough pw").exit).isEqualTo(2);
        assertThat(run("--username", "someone", "--role", "citizen").exit).isEqualTo(2);
        assertThat(run("--username", "someone", "--role", "citizen", "--password", "x", "--password-stdin").exit).isEqualTo(2);
        Result unknown = run("--username", "someone", "--role", "citizen", "--pasword", "x");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("unknown argument --pasword").contains("usage:");
    }

    private Result run(String... args) {
        return runWithStdin("", args);
    }

    private Result runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit = command.run(List.of(args), in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
    }
}
