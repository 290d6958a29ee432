package mx.implan.brujula.app;

import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.device.DeviceServices;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.FreeSpace;
import mx.implan.brujula.app.sync.BackgroundSyncEngine;
import mx.implan.brujula.app.sync.PhotoKeeping;
import mx.implan.brujula.app.ui.ServerAddress;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.model.ClientVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import mx.implan.brujula.app.ui.AppContext;

/**
 * The real context of a device: the file journal, encrypted accounts and background sync engine in the app's
 * private storage, and the device's position and pictures (Attach on a phone, desktop fallbacks otherwise).
 */
public final class DeviceContext {

    /** Sent as {@code X-Brujula-Client}; the server answers 426 to versions it no longer accepts. */
    public static final ClientVersion VERSION = ClientVersion.parse("mobile-app/1.0.0").orElseThrow();
    static final String DEFAULT_SERVER = "http://localhost:8080/";

    private DeviceContext() {
    }

    /**
     * Opens everything under {@code storage}. The server: {@code brujula.server} when the launcher names one
     * explicitly, else the one chosen last on the sign-in screen (kept in {@code storage/server}), else
     * {@code brujula.server.default}, else the local backend.
     */
    public static AppContext open(Path storage) {
        try {
            Files.createDirectories(storage);
            Clock clock = Clock.systemDefaultZone();
            Locale locale = AppContext.uiLocale();
            String deviceId = deviceId(storage);
            Path serverFile = storage.resolve("server");
            String initial = initialServer(serverFile);
            ServerAddress server = new ServerAddress(URI.create(initial), uri -> remember(serverFile, uri));
            FileJournal journal = FileJournal.open(storage.resolve("journal"), deviceId, clock)
                    .thumbnails(DeviceServices.thumbnails());
            FileAccounts accounts = FileAccounts.open(storage.resolve("accounts"), server::get, VERSION, locale, clock,
                    Timeouts.DEFAULT);
            BackgroundSyncEngine sync = new BackgroundSyncEngine(journal, accounts, clock,
                    BackgroundSyncEngine.Settings.defaults().with(photoKeeping(storage)));
            return new AppContext(journal, sync, accounts, DeviceServices.position(clock),
                    DeviceServices.photos(new Texts(locale).get("photos.add")), locale, clock, server,
                    AppContext.fontScaleSetting());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the app's storage in " + storage, e);
        }
    }

    /**
     * Synced photos stay {@code brujula.photos.keepDays} days (7 by default) after their observation's last save,
     * and go at once when less than {@code brujula.photos.lowSpaceMb} MB (512) are free in the app's storage.
     */
    static PhotoKeeping photoKeeping(Path storage) {
        PhotoKeeping defaults = PhotoKeeping.defaults();
        Duration keepFor = Duration.ofDays(Long.getLong("brujula.photos.keepDays", defaults.keepFor().toDays()));
        long lowSpace = Long.getLong("brujula.photos.lowSpaceMb", defaults.lowSpaceBytes() / (1024 * 1024)) * 1024 * 1024;
        return new PhotoKeeping(keepFor, lowSpace, FreeSpace.of(storage));
    }

    private static String initialServer(Path serverFile) throws IOException {
        String explicit = System.getProperty("brujula.server");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        if (Files.exists(serverFile)) {
            String kept = Files.readString(serverFile, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        return System.getProperty("brujula.server.default", DEFAULT_SERVER);
    }

    /** This installation's id, made once and kept: the server records it on every write. */
    static String deviceId(Path storage) throws IOException {
        Path file = storage.resolve("device-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        AtomicFiles.write(file, id.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static void remember(Path file, URI uri) {
        try {
            AtomicFiles.write(file, uri.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remember the server address", e);
        }
    }
}
