package mx.implan.brujula.app.device;

import mx.implan.brujula.app.journal.Thumbnailer;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Thumbnails through the JDK's ImageIO (desktops): the photo scaled to fit {@value #EDGE} px, as JPEG. Formats
 * ImageIO does not read (HEIC, WebP without a plug-in) get none.
 */
final class ImageThumbnails implements Thumbnailer {

    /** Twice the lists' 88 px, for high-density screens. */
    static final int EDGE = 176;

    @Override
    public Optional<byte[]> thumbnail(Path photo) throws IOException {
        BufferedImage source = ImageIO.read(photo.toFile());
        if (source == null) {
            return Optional.empty();
        }
        double scale = Math.min(1.0, (double) EDGE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(small, "jpeg", out)) {
            return Optional.empty();
        }
        return Optional.of(out.toByteArray());
    }
}
