package mx.implan.brujula.app.ui;

import javafx.application.Platform;
import javafx.stage.Stage;
import mx.implan.brujula.app.ui.fixtures.SampleData;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Locale;
import mx.implan.brujula.app.ui.shell.AppShell;

/**
 * Run in a fresh JVM by {@link ColdStartFigureTest}: starts JavaFX, opens the shell on the signed-in sample
 * context and prints, at the first pulse that laid out the home screen, the time since the JVM started and since
 * the application's start (toolkit up, shell being built).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        SampleData.Preview preview = SampleData.inspector(Files.createTempDirectory("brujula-photos"),
                Locale.forLanguageTag("es-MX"));
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long toolkitAsked = System.nanoTime();
        Platform.startup(() -> {
            long start = System.nanoTime();
            Stage stage = new Stage();
            AppShell shell = new AppShell(preview.context());
            shell.show(stage, 360, 640);
            shell.onFirstScreenPulse(() -> {
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "COLD_START jvm_to_home_ms=%d toolkit_to_home_ms=%.1f "
                                + "app_start_to_home_ms=%.1f screen=%s%n",
                        System.currentTimeMillis() - jvmStart, (now - toolkitAsked) / 1e6, (now - start) / 1e6,
                        shell.current().getClass().getSimpleName());
                Platform.exit();
            });
        });
    }
}
