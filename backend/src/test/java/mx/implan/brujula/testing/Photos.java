package mx.implan.brujula.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** Real image bytes for tests: JPEGs with EXIF (orientation, GPS, camera), PNGs, a pixel bomb. */
public final class Photos {

    private Photos() {
    }

    /** A JPEG whose left half is red and right half blue, with a unique comment so every call gives new bytes. */
    public static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return withComment(encode(image, "jpeg"), "test-" + System.nanoTime() + "-" + Math.random());
    }

    /** {@link #jpeg} with an EXIF APP1: orientation, camera make/model and a GPS position. */
    public static byte[] jpegWithExif(int width, int height, int orientation) {
        return insertAfterSoi(jpeg(width, height), app1(orientation));
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return encode(image, "png");
    }

    /** A complete, tiny PNG whose header declares {@code width} × {@code height} pixels (a decompression bomb's calling card). */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the JPEG has an EXIF segment containing a GPS IFD pointer (tag 0x8825). */
    public static boolean hasExifGps(byte[] jpeg) {
        byte[] exif = exifSegment(jpeg);
        if (exif == null) {
            return false;
        }
        for (int i = 0; i + 1 < exif.length; i++) {
            if ((exif[i] & 0xFF) == 0x88 && (exif[i + 1] & 0xFF) == 0x25) {
                return true;
            }
        }
        return false;
    }

    /** The payload of the first APP1 "Exif" segment, or null. */
    public static byte[] exifSegment(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return null;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xE1 && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                byte[] out = new byte[length - 2];
                System.arraycopy(jpeg, i + 4, out, 0, out.length);
                return out;
            }
            i += 2 + length;
        }
        return null;
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer com = ByteBuffer.allocate(4 + text.length).put((byte) 0xFF).put((byte) 0xFE)
                .putShort((short) (text.length + 2)).put(text);
        return insertAfterSoi(jpeg, com.array());
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** APP1 "Exif": big-endian TIFF with IFD0 {Make, Model, Orientation, GPS pointer} and a GPS IFD (latitude, longitude). */
    private static byte[] app1(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(512);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        int ifd0Entries = 4;
        int ifd0Size = 2 + ifd0Entries * 12 + 4;
        int makeAt = 8 + ifd0Size;
        byte[] make = "Samsung\0".getBytes(StandardCharsets.US_ASCII);
        int modelAt = makeAt + make.length;
        byte[] model = "SM-A546E\0".getBytes(StandardCharsets.US_ASCII);
        int gpsAt = modelAt + model.length;
        tiff.putShort((short) ifd0Entries);
        entry(tiff, 0x010F, 2, make.length, makeAt);
        entry(tiff, 0x0110, 2, model.length, modelAt);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, gpsAt);
        tiff.putInt(0);
        tiff.put(make).put(model);
        int gpsEntries = 4;
        int rationalsAt = gpsAt + 2 + gpsEntries * 12 + 4;
        tiff.putShort((short) gpsEntries);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(tiff, 0x0002, 5, 3, rationalsAt);
        tiff.putShort((short) 0x0003).putShort((short) 2).putInt(2).put((byte) 'W').put((byte) 0).putShort((short) 0);
        entry(tiff, 0x0004, 5, 3, rationalsAt + 24);
        tiff.putInt(0);
        int[][] rationals = {{29, 1}, {4, 1}, {2244, 100}, {110, 1}, {57, 1}, {4068, 100}};
        for (int[] r : rationals) {
            tiff.putInt(r[0]).putInt(r[1]);
        }
        byte[] tiffBytes = new byte[tiff.position()];
        tiff.flip().get(tiffBytes);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiffBytes.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiffBytes.length))
                .put(new byte[]{'E', 'x', 'i', 'f', 0, 0}).put(tiffBytes);
        return app1.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
