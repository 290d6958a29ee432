package mx.implan.brujula.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled demo GeoJSON read straight from the classpath, for expectations computed independently. */
public final class DemoZones {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoZones() {
    }

    public static JsonNode features(String resource) {
        try (InputStream in = DemoZones.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in).get("features");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode agebs() {
        return features("demo/agebs.geojson");
    }

    public static JsonNode localities() {
        return features("demo/localidades.geojson");
    }
}
