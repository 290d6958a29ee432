package mx.implan.brujula.app;

import javafx.application.Application;
import javafx.stage.Stage;
import mx.implan.brujula.app.device.DeviceServices;
import mx.implan.brujula.app.ui.shell.AppShell;

import java.util.Objects;
import mx.implan.brujula.app.ui.AppContext;

/**
 * The JavaFX application: the composition root. A launcher builds the {@link AppContext} (real journal, accounts
 * and sync engine on a device: {@link DeviceLauncher}; in-memory ones for a preview) and calls
 * {@link #launch(AppContext, String...)}.
 */
public final class FieldApp extends Application {

    private static volatile AppContext context;
    private static volatile long launchedAtNanos;

    /** Starts the application with {@code ctx}; returns when the last window closes. */
    public static void launch(AppContext ctx, String... args) {
        launch(ctx, System.nanoTime(), args);
    }

    /**
     * As {@link #launch(AppContext, String...)}, with the cold-start figure counted from {@code startedAtNanos}
     * ({@link System#nanoTime()} before the context was built: opening the journal is part of the start).
     */
    public static void launch(AppContext ctx, long startedAtNanos, String... args) {
        context = Objects.requireNonNull(ctx, "ctx");
        launchedAtNanos = startedAtNanos;
        Application.launch(FieldApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        AppContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("FieldApp needs an AppContext: start it through FieldApp.launch(ctx)");
        }
        AppShell shell = new AppShell(ctx);
        // A phone fills its screen; a desktop gets a phone-sized window that can be resized.
        javafx.geometry.Dimension2D size = DeviceServices.handheldScreen()
                .orElse(new javafx.geometry.Dimension2D(400, 720));
        shell.show(stage, size.getWidth(), size.getHeight());
        // Coming back to the foreground is when connectivity most often has changed.
        DeviceServices.onResume(ctx.sync()::requestSync);
        shell.onFirstScreenPulse(() -> System.out.printf("brujula app: %s shown %d ms after launch%n",
                shell.current().title(), (System.nanoTime() - launchedAtNanos) / 1_000_000));
    }

    @Override
    public void stop() {
        AppContext ctx = context;
        if (ctx != null) {
            ctx.sync().close();
        }
    }
}
