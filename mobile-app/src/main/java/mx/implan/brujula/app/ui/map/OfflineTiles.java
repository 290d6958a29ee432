package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.tile.TileRetriever;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Gluon Maps' tile source (registered through {@code META-INF/services}): tiles from a local folder laid out as
 * {@code z/x/y.png} ({@code brujula.map.tiles}, e.g. an MBTiles export), and a plain grid where there is none.
 * The map never waits on the network, so it works offline in the field and in tests; the markers are what
 * matter, the background only gives scale.
 */
public final class OfflineTiles implements TileRetriever {

    private static final int SIZE = 256;
    private static final Color LAND = Color.web("#eef1ea");
    private static final Color GRID = Color.web("#d5dbcf");

    private final Path folder;
    private Image plain;

    public OfflineTiles() {
        String setting = System.getProperty("brujula.map.tiles");
        this.folder = setting == null || setting.isBlank() ? null : Path.of(setting);
    }

    @Override
    public CompletableFuture<Image> loadTile(int zoom, long i, long j) {
        if (folder != null) {
            Path tile = folder.resolve(zoom + "/" + i + "/" + j + ".png");
            if (Files.isRegularFile(tile)) {
                return CompletableFuture.completedFuture(new Image(tile.toUri().toString(), true));
            }
        }
        return CompletableFuture.completedFuture(plain());
    }

    private synchronized Image plain() {
        if (plain == null) {
            plain = drawPlain();
        }
        return plain;
    }

    private static Image drawPlain() {
        WritableImage image = new WritableImage(SIZE, SIZE);
        if (!javafx.application.Platform.isFxApplicationThread()) {
            // Canvas snapshots need the FX thread; off it, fill the pixels directly.
            var writer = image.getPixelWriter();
            for (int x = 0; x < SIZE; x++) {
                for (int y = 0; y < SIZE; y++) {
                    writer.setColor(x, y, x % 64 == 0 || y % 64 == 0 ? GRID : LAND);
                }
            }
            return image;
        }
        Canvas canvas = new Canvas(SIZE, SIZE);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(LAND);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setStroke(GRID);
        for (int k = 0; k <= SIZE; k += 64) {
            g.strokeLine(k + 0.5, 0, k + 0.5, SIZE);
            g.strokeLine(0, k + 0.5, SIZE, k + 0.5);
        }
        return canvas.snapshot(null, image);
    }
}
