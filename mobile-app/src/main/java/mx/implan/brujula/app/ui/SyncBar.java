package mx.implan.brujula.app.ui;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import mx.implan.brujula.app.sync.SyncEngine;
import mx.implan.brujula.app.sync.SyncStatus;

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
    private final Navigator nav;
    private final Label text = new Label();
    private final Button action;
    private final AutoCloseable subscription;

    public SyncBar(Navigator nav) {
        super(0.5);
        this.nav = nav;
        this.sync = nav.context().sync();
        this.t = nav.texts();
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
            nav.openSignIn();
        } else {
            sync.requestSync();
        }
    }

    void refresh() {
        SyncStatus s = sync.status();
        ZoneId zone = nav.context().clock().getZone();
        List<String> parts = new ArrayList<>();
        // The device or the server out of reach: the engine waits, and says until when.
        boolean offline = s.phase() == SyncStatus.Phase.OFFLINE || s.phase() == SyncStatus.Phase.SERVER_UNAVAILABLE;
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
