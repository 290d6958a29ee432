package mx.implan.brujula.ogc.tiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * A tile as served: its gzip-compressed bytes (empty for a tile without features), the ETag of its
 * uncompressed content, and the base URL it was rendered for (links in properties depend on it).
 */
record RenderedTile(byte[] gzipped, String etag, String base) {

    boolean empty() {
        return gzipped.length == 0;
    }

    /** The plain bytes, for the rare client that does not accept gzip. */
    byte[] plain() {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
