package mx.implan.brujula.attachments;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Image work with bounded memory: the header alone for uploads (dimensions, never pixels), and
 * for variants a subsampled decode — ImageIO skips source pixels while decoding, so a 48 MP
 * photo becomes a thumbnail without ever being decoded at full size.
 */
public final class Images {

    private Images() {
    }

    /** Width and height from the header. */
    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** Registers the ImageIO plugins on the application class path (TwelveMonkeys JPEG, WebP). */
    public static void registerPlugins() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(Images.class.getClassLoader());
            ImageIO.scanForPlugins();
            ImageIO.setUseCache(false);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Dimensions read from the header; IOException when there is no readable header. */
    public static Size header(Path file, ImageFormat format) throws IOException {
        return header(ImageIO.createImageInputStream(file.toFile()), format);
    }

    /** Dimensions read from the header held in the first {@code length} bytes of {@code head}. */
    public static Size header(byte[] head, int length, ImageFormat format) throws IOException {
        return header(new MemoryCacheImageInputStream(new ByteArrayInputStream(head, 0, length)), format);
    }

    private static Size header(ImageInputStream stream, ImageFormat format) throws IOException {
        try (ImageInputStream in = stream) {
            ImageReader reader = reader(format);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new IOException("no dimensions");
                }
                return new Size(width, height);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            // Readers signal some malformed headers with unchecked exceptions.
            throw new IOException(e.toString(), e);
        }
    }

    /**
     * A JPEG of the image at {@code file}, at most {@code maxSide} pixels on its longest side,
     * with the EXIF {@code orientation} applied and no metadata at all (the encoder writes only
     * pixels: no GPS, no camera fields).
     */
    public static byte[] derive(Path file, ImageFormat format, Size size, int orientation, int maxSide) throws IOException {
        int longest = Math.max(size.width(), size.height());
        // Decode at about twice the target, then scale smoothly; never the full image when it is large.
        int step = Math.max(1, longest / (2 * maxSide));
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(format);
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException(e.toString(), e);
        }
        boolean swap = orientation >= 5;
        int ow = swap ? decoded.getHeight() : decoded.getWidth();
        int oh = swap ? decoded.getWidth() : decoded.getHeight();
        // The target follows the original's proportions (subsampling rounds the decoded size).
        int fullW = swap ? size.height() : size.width();
        int fullH = swap ? size.width() : size.height();
        double scale = Math.min(1.0, (double) maxSide / Math.max(fullW, fullH));
        int tw = Math.max(1, (int) Math.round(fullW * scale));
        int th = Math.max(1, (int) Math.round(fullH * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE); // transparent PNG areas become white in the JPEG
            g.fillRect(0, 0, tw, th);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            AffineTransform t = AffineTransform.getScaleInstance((double) tw / ow, (double) th / oh);
            t.concatenate(orient(orientation, decoded.getWidth(), decoded.getHeight()));
            g.drawImage(decoded, t, null);
        } finally {
            g.dispose();
        }
        decoded.flush();
        return jpeg(out);
    }

    /** The transform that turns stored pixels (w × h) into upright ones, for EXIF orientation 1–8. */
    static AffineTransform orient(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageReader reader(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return readers.next();
    }
}
