package mx.implan.brujula.app.ui.home;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import mx.implan.brujula.app.sync.SyncEngine;
import mx.implan.brujula.app.sync.SyncStatus;
import mx.implan.brujula.app.ui.AdaptiveRow;
import mx.implan.brujula.app.ui.AppShell;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where synchronisation stands, in words, with a button to sync now (or to sign in again after a 401). */
public final class SyncBar extends AdaptiveRow implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final SyncEngine sync;
    private final Texts t;
    private final AppShell shell;
    private final Label text = new Label();
    private final Button action;
    private final AutoCloseable subscription;

    public SyncBar(AppShell shell) {
        super(0.5);
        this.shell = shell;
        this.sync = shell.context().sync();
        this.t = shell.texts();
        getStyleClass().add("sync-bar");
        text.setWrapText(true);
        text.setId("sync-status");
        text.setMaxWidth(Double.MAX_VALUE);
        action = Widgets.secondary(t.get("sync.now"), this::act);
        action.setId("sync-now");
        getChildren().addAll(text, action);
        subscription = sync.onStatus(() -> Platform.runLater(this::refresh));
        refresh();
    }

    private void act() {
        if (sync.status().phase() == SyncStatus.Phase.SIGN_IN_REQUIRED) {
            shell.openSignIn();
        } else {
            sync.requestSync();
        }
    }

    void refresh() {
        SyncStatus s = sync.status();
        ZoneId zone = shell.context().clock().getZone();
        List<String> parts = new ArrayList<>();
        boolean offline = s.phase() == SyncStatus.Phase.OFFLINE;
        String retry = s.nextAttempt() == null ? null : t.format("sync.retryAt", TIME.format(s.nextAttempt().atZone(zone)));
        if (s.phase() == SyncStatus.Phase.BACKING_OFF && retry != null) {
            parts.add(retry);
        } else {
            parts.add(t.get("sync." + s.phase().name()));
            if (offline && retry != null) {
                parts.add(retry);
            }
        }
        if (s.pending() > 0) {
            parts.add(t.format("sync.pending", s.pending()));
        }
        if (s.lastSuccess() != null) {
            parts.add(t.format("sync.last", TIME.format(s.lastSuccess().atZone(zone))));
        }
        // Offline, the engine's reason only repeats "no connection" in more words.
        if (!offline && s.lastError() != null && !s.lastError().isBlank()) {
            parts.add(s.lastError());
        }
        String line = String.join(" · ", parts);
        text.setText(line);
        text.setAccessibleText(line);
        getStyleClass().removeIf(c -> c.startsWith("sync-phase-"));
        getStyleClass().add("sync-phase-" + s.phase().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        boolean signIn = s.phase() == SyncStatus.Phase.SIGN_IN_REQUIRED;
        action.setText(t.get(signIn ? "sync.signIn" : "sync.now"));
        action.setAccessibleText(action.getText());
        boolean busy = s.phase() == SyncStatus.Phase.PUSHING || s.phase() == SyncStatus.Phase.UPLOADING_PHOTOS
                || s.phase() == SyncStatus.Phase.PULLING;
        action.setDisable(busy || s.phase() == SyncStatus.Phase.UPDATE_REQUIRED);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // Unsubscribing from an in-process listener list cannot meaningfully fail.
        }
    }
}
