package mx.implan.brujula.app.ui;

import javafx.application.Platform;
import javafx.stage.Stage;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the cold start of the UI: from building the shell (the Application's start) to the first pulse that
 * has laid out the home screen, with the sample journal. A figure, not a limit: nothing is asserted about time.
 * (The JavaFX toolkit's own start is not included here; `./brujula app` prints the whole figure from launch.)
 */
class ColdStartFigureTest {

    @Test
    void printsColdStartToHome() throws Exception {
        SampleData.Preview preview = SampleData.inspector(Files.createTempDirectory("brujula-photos"),
                Locale.forLanguageTag("es-MX"));
        Stage stage = FxToolkit.registerPrimaryStage();
        CountDownLatch shown = new CountDownLatch(1);
        long[] elapsed = new long[1];
        Platform.runLater(() -> {
            long start = System.nanoTime();
            AppShell shell = new AppShell(preview.context());
            shell.show(stage, 360, 640);
            shell.onFirstScreenPulse(() -> {
                elapsed[0] = System.nanoTime() - start;
                shown.countDown();
            });
        });
        assertThat(shown.await(30, TimeUnit.SECONDS)).isTrue();
        System.out.printf("FIGURE cold start to home screen (shell start -> first home pulse, in-memory journal "
                + "with %d entries): %.1f ms%n", preview.journal().entries(SampleData.INSPECTOR).size(),
                elapsed[0] / 1e6);
        FxToolkit.cleanupStages();
    }
}
