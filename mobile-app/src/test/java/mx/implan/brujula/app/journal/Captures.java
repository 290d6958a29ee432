package mx.implan.brujula.app.journal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** What the capture screens hand the journal, and real photo files, for tests. */
public final class Captures {

    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static byte[] baseJpeg;

    private Captures() {
    }

    /** A RISK point in Hermosillo as the form builds it (no opId, deviceId or baseRev: the journal fills them). */
    public static Observation risk(String notes, int severity) {
        return risk(Ids.newV7(), notes, severity);
    }

    public static Observation risk(UUID id, String notes, int severity) {
        return Observation.builder()
                .id(id)
                .kind(ObservationKind.RISK)
                .geometry(WGS84.createPoint(new Coordinate(-110.9613, 29.0729)))
                .accuracyM(4.5)
                .capturedAt(OffsetDateTime.of(2026, 11, 25, 10, 15, 0, 0, ZoneOffset.ofHours(-7)))
                .notes(notes)
                .attributes(Map.of("hazard", "HUNDIMIENTO", "severity", severity, "peopleExposed", 30))
                .build();
    }

    public static Draft draft(String owner, Observation o, Path... photos) {
        return new Draft(owner, o, java.util.List.of(photos));
    }

    /**
     * A real JPEG of about {@code approxBytes} (the server decodes headers and refuses anything else), made unique
     * by {@code tag} in a comment segment so each file has its own hash.
     */
    public static Path jpeg(Path dir, String tag, int approxBytes) {
        byte[] base = base();
        byte[] comment = ("brujula-test " + tag).getBytes(StandardCharsets.UTF_8);
        int padding = Math.max(0, approxBytes - base.length - comment.length - 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream(approxBytes + 64);
        out.write(base, 0, 2); // SOI
        writeComment(out, comment);
        // Filler comments bring the file to the size asked (a comment segment holds at most 65,533 bytes).
        Random random = new Random(tag.hashCode());
        while (padding > 0) {
            int n = Math.min(padding, 65_000);
            byte[] fill = new byte[n];
            random.nextBytes(fill);
            writeComment(out, fill);
            padding -= n + 4;
        }
        out.write(base, 2, base.length - 2);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(tag.replaceAll("[^A-Za-z0-9-]", "_") + ".jpg");
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeComment(ByteArrayOutputStream out, byte[] data) {
        int length = data.length + 2;
        out.write(0xFF);
        out.write(0xFE);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(data, 0, data.length);
    }

    private static synchronized byte[] base() {
        if (baseJpeg == null) {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "jpg", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            baseJpeg = out.toByteArray();
        }
        return baseJpeg;
    }
}
