package mx.implan.brujula.app.device;

import mx.implan.brujula.app.ui.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceServicesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), ZoneOffset.ofHours(-7));

    @Test
    void simulatedGpsDefaultsToDowntownHermosillo() {
        Fix fix = SimulatedPosition.parse(null, clock).current().orElseThrow();
        assertThat(fix.latitude()).isEqualTo(29.0729);
        assertThat(fix.longitude()).isEqualTo(-110.9559);
        assertThat(fix.accuracyM()).isEqualTo(5);
        assertThat(fix.at()).isEqualTo(clock.instant());
    }

    @Test
    void simulatedTrackIsWalkedOneVertexPerReading() {
        SimulatedPosition gps = SimulatedPosition.parse("29.1,-110.9; 29.2,-110.8 @12", clock);
        assertThat(gps.current().orElseThrow().latitude()).isEqualTo(29.1);
        Fix second = gps.current().orElseThrow();
        assertThat(second.latitude()).isEqualTo(29.2);
        assertThat(second.accuracyM()).isEqualTo(12);
        assertThat(gps.current().orElseThrow().latitude()).isEqualTo(29.1);
    }

    @Test
    void desktopHasNoAttachPositionOrCameraSoFallbacksAreUsed(@TempDir Path dir) {
        assertThat(DeviceServices.position(clock)).isInstanceOf(SimulatedPosition.class);
        System.setProperty("brujula.photos.dir", dir.toString());
        try {
            assertThat(DeviceServices.photos("Fotos")).isInstanceOf(FolderPhotos.class);
        } finally {
            System.clearProperty("brujula.photos.dir");
        }
        assertThat(DeviceServices.photos("Fotos")).isInstanceOf(ChooserPhotos.class);
    }

    @Test
    void privateStorageCanBePinnedAndIsNeverEmpty(@TempDir Path dir) {
        assertThat(DeviceServices.privateStorage()).isAbsolute();
        System.setProperty("brujula.home", dir.toString());
        try {
            assertThat(DeviceServices.privateStorage()).isEqualTo(dir);
        } finally {
            System.clearProperty("brujula.home");
        }
        // A desktop is not a handheld: the app opens a window instead of filling the screen.
        assertThat(DeviceServices.handheldScreen()).isEmpty();
    }

    @Test
    void folderPhotosHandsOverPicturesInTurnAndSkipsOtherFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.jpg"), "b");
        Files.writeString(dir.resolve("a.png"), "a");
        Files.writeString(dir.resolve("notes.txt"), "x");
        FolderPhotos photos = new FolderPhotos(dir);
        assertThat(photos.pick(null)).containsExactly(dir.resolve("a.png"));
        assertThat(photos.pick(null)).containsExactly(dir.resolve("b.jpg"));
        assertThat(photos.pick(null)).containsExactly(dir.resolve("a.png"));
    }

    @Test
    void serverAddressKeepsOnlyAcceptedAddresses() {
        ServerAddress server = new ServerAddress(URI.create("http://localhost:8080"));
        assertThat(server.get()).isEqualTo(URI.create("http://localhost:8080/"));
        assertThatThrownBy(() -> server.set("http://example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.get()).isEqualTo(URI.create("http://localhost:8080/"));
        assertThat(server.set(" https://brujula.example.mx ")).isEqualTo(URI.create("https://brujula.example.mx/"));
    }
}
