package mx.implan.brujula.app;

import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the device keeps between starts besides the journal: its id and the server chosen at sign-in. */
class DeviceContextTest {

    @TempDir
    Path storage;
    private final String before = System.getProperty("brujula.server");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("brujula.server");
        } else {
            System.setProperty("brujula.server", before);
        }
    }

    private static void close(AppContext ctx) {
        ctx.sync().close();
        ((FileJournal) ctx.journal()).close();
    }

    @Test
    void photosAreKeptAWeekByDefaultAndAsTheSettingsSay() {
        mx.implan.brujula.app.sync.PhotoKeeping defaults = DeviceContext.photoKeeping(storage);
        assertThat(defaults.keepFor()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(defaults.lowSpaceBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(defaults.space().usableBytes()).isPositive().isLessThan(Long.MAX_VALUE);

        System.setProperty("brujula.photos.keepDays", "2");
        System.setProperty("brujula.photos.lowSpaceMb", "64");
        try {
            mx.implan.brujula.app.sync.PhotoKeeping set = DeviceContext.photoKeeping(storage);
            assertThat(set.keepFor()).isEqualTo(java.time.Duration.ofDays(2));
            assertThat(set.lowSpaceBytes()).isEqualTo(64L * 1024 * 1024);
        } finally {
            System.clearProperty("brujula.photos.keepDays");
            System.clearProperty("brujula.photos.lowSpaceMb");
        }
    }

    @Test
    void theServerSignedInToIsKeptEvenWhenItWasTheOneProposed() {
        // First start with the address given by the launcher; the user signs in to it as proposed.
        System.setProperty("brujula.server", "http://localhost:18999/");
        AppContext first = DeviceContext.open(storage);
        first.server().set(first.server().get().toString());
        String deviceId = ((FileJournal) first.journal()).deviceId();
        close(first);

        // Next start without that setting: same server, same device.
        System.clearProperty("brujula.server");
        AppContext second = DeviceContext.open(storage);
        try {
            assertThat(second.server().get()).isEqualTo(URI.create("http://localhost:18999/"));
            assertThat(((FileJournal) second.journal()).deviceId()).isEqualTo(deviceId);
        } finally {
            close(second);
        }
    }

    @Test
    void theStoredChoiceWinsOverTheDefaultAndAnExplicitServerOverBoth() {
        System.setProperty("brujula.server", "http://localhost:18999/");
        AppContext first = DeviceContext.open(storage);
        first.server().set("http://127.0.0.1:18998/");
        close(first);

        System.clearProperty("brujula.server");
        System.setProperty("brujula.server.default", "http://localhost:18997/");
        try {
            AppContext second = DeviceContext.open(storage);
            assertThat(second.server().get()).isEqualTo(URI.create("http://127.0.0.1:18998/"));
            close(second);

            // `./brujula app URL`: the launcher names the server; that start talks to it.
            System.setProperty("brujula.server", "http://localhost:18996/");
            AppContext third = DeviceContext.open(storage);
            assertThat(third.server().get()).isEqualTo(URI.create("http://localhost:18996/"));
            close(third);
        } finally {
            System.clearProperty("brujula.server.default");
        }
    }
}
