package mx.implan.brujula.ogc.tiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.ogc.CollectionExtents;
import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcLinks;

import java.util.List;

/** A collection's TileJSON 3.0.0: where its tiles are, their zooms, bounds and the fields of its one layer. */
final class TileJson {

    private TileJson() {
    }

    static ObjectNode of(OgcCollection c, CollectionExtents.Extent extent, List<String> properties, OgcLinks links,
                         int maxZoom, int clusterBelowZoom, List<String> clusterFields) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("tilejson", "3.0.0");
        doc.put("name", c.title());
        doc.put("description", c.description());
        doc.put("scheme", "xyz");
        doc.putArray("tiles").add(links.ogc("/collections/" + c.id() + "/tiles/WebMercatorQuad/{z}/{y}/{x}"));
        doc.put("minzoom", 0);
        doc.put("maxzoom", maxZoom);
        ArrayNode bounds = doc.putArray("bounds");
        double[] box = extent.bbox().orElse(new double[]{-180, -85.0511287798, 180, 85.0511287798});
        for (double v : box) {
            bounds.add(v);
        }
        ObjectNode layer = doc.putArray("vector_layers").addObject();
        layer.put("id", c.id());
        layer.put("description", c.description());
        layer.put("minzoom", 0);
        layer.put("maxzoom", maxZoom);
        ObjectNode fields = layer.putObject("fields");
        fields.put("id", "String");
        for (String p : properties) {
            fields.put(p, c.queryable(p).map(q -> q.type() == OgcCollection.Queryable.Type.INTEGER ? "Number"
                    : q.type() == OgcCollection.Queryable.Type.BOOLEAN ? "Boolean" : "String").orElse("String"));
        }
        if (!clusterFields.isEmpty()) {
            // Below this zoom the points arrive as clusters: cluster=true, count and a count per value.
            layer.put("x-cluster-below-zoom", clusterBelowZoom);
            fields.put("cluster", "Boolean");
            clusterFields.forEach(f -> fields.put(f, "Number"));
        }
        return doc;
    }
}
