package mx.implan.brujula.attachments;

/** Reads the one EXIF field the server acts on: orientation (TIFF tag 0x0112 of IFD0). */
final class Exif {

    private static final int ORIENTATION = 0x0112;

    private Exif() {
    }

    /** Orientation 1–8 from an APP1 payload whose TIFF header starts at {@code tiff}; 1 when absent. */
    static int orientation(byte[] app1, int tiff) {
        if (app1.length < tiff + 8) {
            return 1;
        }
        boolean little = app1[tiff] == 'I' && app1[tiff + 1] == 'I';
        boolean big = app1[tiff] == 'M' && app1[tiff + 1] == 'M';
        if (!little && !big) {
            return 1;
        }
        long ifd = u32(app1, tiff + 4, little);
        int at = (int) (tiff + ifd);
        if (ifd < 8 || at + 2 > app1.length) {
            return 1;
        }
        int entries = u16(app1, at, little);
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + i * 12;
            if (entry + 12 > app1.length) {
                return 1;
            }
            if (u16(app1, entry, little) == ORIENTATION) {
                int value = u16(app1, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? (b1 << 8) | b0 : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return (hi << 16) | lo;
    }
}
