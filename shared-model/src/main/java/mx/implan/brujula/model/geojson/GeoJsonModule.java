package mx.implan.brujula.model.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Jackson bindings for JTS geometries as RFC 7946 GeoJSON (see {@link GeoJson}). */
public class GeoJsonModule extends SimpleModule {

    public GeoJsonModule() {
        super("BrujulaGeoJson");
        // One serializer for the base type: Jackson's simple lookup walks up the class hierarchy.
        addSerializer(Geometry.class, new GeometrySerializer());
        addDeserializer(Geometry.class, new GeometryDeserializer<>(Geometry.class));
        addDeserializer(Point.class, new GeometryDeserializer<>(Point.class));
        addDeserializer(LineString.class, new GeometryDeserializer<>(LineString.class));
        addDeserializer(Polygon.class, new GeometryDeserializer<>(Polygon.class));
        addDeserializer(MultiPoint.class, new GeometryDeserializer<>(MultiPoint.class));
        addDeserializer(MultiLineString.class, new GeometryDeserializer<>(MultiLineString.class));
        addDeserializer(MultiPolygon.class, new GeometryDeserializer<>(MultiPolygon.class));
        addDeserializer(GeometryCollection.class, new GeometryDeserializer<>(GeometryCollection.class));
    }

    static final class GeometrySerializer extends StdSerializer<Geometry> {
        GeometrySerializer() {
            super(Geometry.class);
        }

        @Override
        public void serialize(Geometry value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(GeoJson.write(value));
        }
    }

    static final class GeometryDeserializer<T extends Geometry> extends StdDeserializer<T> {
        private final Class<T> type;

        GeometryDeserializer(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ctxt.readTree(p);
            Geometry g;
            try {
                g = GeoJson.read(tree);
            } catch (GeoJsonException e) {
                throw JsonMappingException.from(p, "Invalid GeoJSON: " + e.getMessage(), e);
            }
            if (!type.isInstance(g)) {
                return ctxt.reportInputMismatch(this, "Expected GeoJSON %s but got %s",
                        type.getSimpleName(), g.getGeometryType());
            }
            return type.cast(g);
        }
    }
}
