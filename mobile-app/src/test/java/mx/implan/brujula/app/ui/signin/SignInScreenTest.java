package mx.implan.brujula.app.ui.signin;

import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.app.ui.home.HomeScreen;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SignInScreenTest extends FieldAppTest {

    @Override
    protected SampleData.Preview preview(Path photoDir) {
        return SampleData.empty(photoDir, locale());
    }

    @Test
    void refusesAPlainHttpServer() {
        assertThat(shell.current()).isInstanceOf(SignInScreen.class);
        type("#server", "http://example.org");
        type("#username", SampleData.INSPECTOR);
        type("#password", SampleData.PASSWORD);
        tap("#sign-in");

        assertThat(row("server-field").errorText()).startsWith("Solo se permiten servidores con https://");
        assertThat(preview.accounts().current()).isEmpty();
        assertThat(preview.context().server().get()).isEqualTo(URI.create("http://localhost:8080/"));
        screenshot("sign-in");
    }

    @Test
    void wrongPasswordIsSaidPlainly() {
        type("#username", SampleData.INSPECTOR);
        type("#password", "otra");
        tap("#sign-in");
        Awaitility.await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return lookup("#signin-status").queryLabeled().getText().equals("Usuario o contraseña incorrectos.");
        });
        assertThat(preview.accounts().current()).isEmpty();
    }

    @Test
    void anotherKnownAccountContinuesWithoutTheServer() {
        interact(() -> {
            preview.accounts().signIn("ciudadano", SampleData.PASSWORD);
            preview.accounts().signIn(SampleData.INSPECTOR, SampleData.PASSWORD);
            shell.openHome();
        });
        tap("#switch-user");
        tap("#known-ciudadano");
        assertThat(preview.accounts().current().orElseThrow().username()).isEqualTo("ciudadano");
        assertThat(shell.current()).isInstanceOf(mx.implan.brujula.app.ui.citizen.CitizenScreen.class);
    }

    @Test
    void anAccountTheServerRefusedIsAskedForItsPasswordAgain() {
        interact(() -> {
            preview.accounts().signIn(SampleData.INSPECTOR, SampleData.PASSWORD);
            preview.accounts().expire(SampleData.INSPECTOR);
            shell.openSignIn();
        });
        assertThat(lookup("#known-inspector").queryButton().getText())
                .isEqualTo("Ana Inspectora (inspector): inicia sesión de nuevo");
        tap("#known-inspector");
        assertThat(lookup("#username").queryTextInputControl().getText()).isEqualTo(SampleData.INSPECTOR);
        assertThat(shell.current()).isInstanceOf(SignInScreen.class);
    }

    @Test
    void aServerThatCannotServeSaysNoConnectionWithTheServerAndKeepsTheScreen() {
        preview.accounts().serverUnavailable(true);
        type("#username", SampleData.INSPECTOR);
        type("#password", SampleData.PASSWORD);
        tap("#sign-in");
        Awaitility.await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return !lookup("#sign-in").queryButton().isDisabled()
                    && visibleTexts().stream().anyMatch(text -> text.startsWith("Sin conexión con el servidor"));
        });
        assertThat(shell.current()).isInstanceOf(SignInScreen.class);
        assertThat(preview.accounts().current()).isEmpty();
        screenshot("signin-server-unavailable");
    }

    @Test
    void httpsServerAndRightPasswordOpenTheHome() {
        type("#server", "https://brujula.hermosillo.gob.mx");
        type("#username", SampleData.INSPECTOR);
        type("#password", SampleData.PASSWORD);
        tap("#sign-in");
        Awaitility.await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return shell.current() instanceof HomeScreen;
        });
        assertThat(preview.context().server().get()).isEqualTo(URI.create("https://brujula.hermosillo.gob.mx/"));
    }
}
