package mx.implan.brujula.testing;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Camera-sized JPEGs for load tests and benches: one noisy image (noise compresses like a busy
 * street scene, about 3 MB) encoded once, made unique per copy by a comment segment, so every
 * copy is a valid, distinct photo.
 */
public final class LargeJpegs {

    private final byte[] base;

    public LargeJpegs(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        base = out.toByteArray();
    }

    /** About 3 MB: 2304 × 1728 (4 MP) of noise. */
    public static LargeJpegs threeMegabytes(long seed) {
        return new LargeJpegs(2304, 1728, seed);
    }

    public int size() {
        return base.length;
    }

    /** Copy number {@code n}: the same image with a comment naming {@code n}. */
    public byte[] copy(String run, int n) {
        byte[] text = (run + "-" + n).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(base.length + 4 + text.length);
        out.put(base, 0, 2).put((byte) 0xFF).put((byte) 0xFE).putShort((short) (text.length + 2)).put(text)
                .put(base, 2, base.length - 2);
        return out.array();
    }
}
