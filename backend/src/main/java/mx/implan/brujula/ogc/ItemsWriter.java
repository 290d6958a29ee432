package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an items page as a GeoJSON FeatureCollection while reading it: the features are copied from
 * the database cursor as they come; the paging links follow them, since only the last row tells
 * whether another page exists.
 */
final class ItemsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemsWriter() {
    }

    /**
     * The page's parameters for links: everything the client gave except the cursor and the format;
     * {@code numberMatched} empty when the page's rows carry it.
     */
    record Context(OgcCollection collection, ItemsRequest request, OgcLinks links, List<Map.Entry<String, String>> params,
                   Optional<Long> numberMatched) {
    }

    static void write(FeaturePages.Page page, Context ctx, OutputStream raw) throws IOException {
        ItemsRequest r = ctx.request();
        boolean backwards = r.cursor().map(c -> !c.forward()).orElse(false);
        OutputStream out = new java.io.BufferedOutputStream(raw, 64 * 1024);
        int returned = 0;
        List<String> firstKey = null;
        List<String> lastKey = null;
        boolean more = false;
        long matched;
        try {
            List<FeaturePages.Row> rows = new ArrayList<>();
            Optional<FeaturePages.Row> head = page.next();
            matched = ctx.numberMatched().orElseGet(() -> head.flatMap(FeaturePages.Row::matched).orElse(0L));
            out.write(("{\"type\":\"FeatureCollection\",\"timeStamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + "\",\"numberMatched\":" + matched + ",\"features\":[").getBytes(StandardCharsets.UTF_8));
            if (backwards) {
                for (Optional<FeaturePages.Row> row = head; row.isPresent(); row = page.next()) {
                    rows.add(row.get());
                }
                more = rows.size() > r.limit();
                List<FeaturePages.Row> shown = new ArrayList<>(rows.subList(0, Math.min(rows.size(), r.limit())));
                Collections.reverse(shown);
                for (FeaturePages.Row row : shown) {
                    emit(out, row, returned++);
                }
                if (!shown.isEmpty()) {
                    firstKey = shown.get(0).key();
                    lastKey = shown.get(shown.size() - 1).key();
                }
            } else {
                for (Optional<FeaturePages.Row> row = head; row.isPresent(); row = page.next()) {
                    if (returned == r.limit()) {
                        more = true;
                        break;
                    }
                    emit(out, row.get(), returned++);
                    if (firstKey == null) {
                        firstKey = row.get().key();
                    }
                    lastKey = row.get().key();
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("reading the page failed", e));
        }
        boolean hasNext = backwards ? lastKey != null : more;
        boolean hasPrev = backwards ? more : r.cursor().isPresent() && firstKey != null;
        ArrayNode links = JSON.createArrayNode();
        String items = ctx.links().ogc("/collections/" + ctx.collection().id() + "/items");
        OgcLinks.add(links, url(items, ctx, r.cursor(), "json"), "self", OgcLinks.GEOJSON, "Esta página");
        OgcLinks.add(links, url(items, ctx, r.cursor(), "html"), "alternate", OgcLinks.HTML, "Esta página en HTML");
        OgcLinks.add(links, ctx.links().ogc("/collections/" + ctx.collection().id()), "collection", OgcLinks.JSON, ctx.collection().title());
        if (hasNext) {
            OgcLinks.add(links, url(items, ctx, Optional.of(new Cursor(true, lastKey, matched)), "json"), "next", OgcLinks.GEOJSON, "Página siguiente");
        }
        if (hasPrev) {
            OgcLinks.add(links, url(items, ctx, Optional.of(new Cursor(false, firstKey, matched)), "json"), "prev", OgcLinks.GEOJSON, "Página anterior");
        }
        out.write(("],\"numberReturned\":" + returned + ",\"links\":" + links + "}").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void emit(OutputStream out, FeaturePages.Row row, int index) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        out.write(row.geojson().getBytes(StandardCharsets.UTF_8));
    }

    static String url(String items, Context ctx, Optional<Cursor> cursor, String format) {
        List<Map.Entry<String, String>> params = new ArrayList<>(ctx.params());
        cursor.ifPresent(c -> params.add(Map.entry("cursor", c.encode(ctx.collection()))));
        params.add(Map.entry("f", format));
        return OgcLinks.query(items, params);
    }
}
