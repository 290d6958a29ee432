package mx.implan.brujula.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import mx.implan.brujula.model.json.WireJson;

/** The REST layer speaks exactly the wire format of shared-model (GeoJSON geometries, ISO instants). */
@Singleton
public class WireJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        WireJson.configure(mapper);
    }
}
