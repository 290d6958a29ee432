package mx.implan.brujula.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A reader of Mapbox Vector Tiles (spec 2.1, protobuf) written from the specification, so tests read
 * tiles as a client does: layers, their features' geometry type, first point and attributes.
 */
public final class Mvt {

    public record Feature(int type, int x, int y, Map<String, Object> attributes) {
    }

    public record Layer(String name, int extent, List<Feature> features) {
    }

    private final byte[] buf;
    private int pos;
    private final int end;

    private Mvt(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    /** The tile's layers; {@code bytes} may be gzip-compressed. */
    public static Map<String, Layer> decode(byte[] bytes) {
        byte[] plain = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b ? gunzip(bytes) : bytes;
        Map<String, Layer> layers = new LinkedHashMap<>();
        Mvt tile = new Mvt(plain, 0, plain.length);
        while (tile.pos < tile.end) {
            long key = tile.varint();
            if (key >>> 3 == 3 && (key & 7) == 2) {
                Layer layer = tile.sub().layer();
                layers.put(layer.name(), layer);
            } else {
                tile.skip((int) (key & 7));
            }
        }
        return layers;
    }

    private Layer layer() {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Mvt> features = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            switch (field) {
                case 1 -> name = string();
                case 2 -> features.add(sub());
                case 3 -> keys.add(string());
                case 4 -> values.add(sub().value());
                case 5 -> extent = (int) varint();
                default -> skip((int) (key & 7));
            }
        }
        List<Feature> decoded = new ArrayList<>();
        for (Mvt f : features) {
            decoded.add(f.feature(keys, values));
        }
        return new Layer(name, extent, decoded);
    }

    private Feature feature(List<String> keys, List<Object> values) {
        int type = 0;
        List<Long> tags = new ArrayList<>();
        List<Long> geometry = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            switch (field) {
                case 2 -> tags.addAll(sub().packed());
                case 3 -> type = (int) varint();
                case 4 -> geometry.addAll(sub().packed());
                default -> skip((int) (key & 7));
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tags.size(); i += 2) {
            attributes.put(keys.get(tags.get(i).intValue()), values.get(tags.get(i + 1).intValue()));
        }
        // The first command is a MoveTo of the first point (zigzag-encoded, relative to 0,0).
        int x = geometry.size() >= 3 ? zigzag(geometry.get(1)) : -1;
        int y = geometry.size() >= 3 ? zigzag(geometry.get(2)) : -1;
        return new Feature(type, x, y, attributes);
    }

    private Object value() {
        Object v = null;
        while (pos < end) {
            long key = varint();
            switch ((int) (key >>> 3)) {
                case 1 -> v = string();
                case 2 -> v = (double) Float.intBitsToFloat((int) fixed(4));
                case 3 -> v = Double.longBitsToDouble(fixed(8));
                case 4, 5 -> v = varint();
                case 6 -> v = (long) zigzag(varint());
                case 7 -> v = varint() != 0;
                default -> skip((int) (key & 7));
            }
        }
        return v;
    }

    private List<Long> packed() {
        List<Long> out = new ArrayList<>();
        while (pos < end) {
            out.add(varint());
        }
        return out;
    }

    private Mvt sub() {
        int length = (int) varint();
        Mvt m = new Mvt(buf, pos, pos + length);
        pos += length;
        return m;
    }

    private String string() {
        int length = (int) varint();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private long fixed(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) (buf[pos++] & 0xff) << (8 * i);
        }
        return v;
    }

    private long varint() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    private void skip(int wireType) {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> pos += (int) varint();
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("wire type " + wireType);
        }
    }

    private static int zigzag(long n) {
        return (int) ((n >>> 1) ^ -(n & 1));
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
