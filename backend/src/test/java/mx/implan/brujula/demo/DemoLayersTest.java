package mx.implan.brujula.demo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.ogc.layers.PublishedLayers;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The demo publishes the municipalities table the script loaded, once, and publishes nothing when it is absent. */
@QuarkusTest
class DemoLayersTest {

    @Inject
    DemoLayers layers;
    @Inject
    Db db;
    @Inject
    PublishedLayers published;

    /** On a thread of its own, without a request context, as DemoLoader runs it. */
    private void ensureAsTheLoaderDoes() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loader = new Thread(() -> {
            try {
                layers.ensure();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "demo-loader-test");
        loader.start();
        loader.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void theLoadedMunicipalitiesArePublishedOnceAsThePublicCollectionMunicipios() throws InterruptedException {
        boolean existed = db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'layers' AND tablename = 'municipios'") > 0;
        db.update("DELETE FROM reference_layer WHERE id = 'municipios' OR table_name = 'municipios'");
        published.changed();
        try {
            if (existed) {
                db.update("ALTER TABLE layers.municipios RENAME TO municipios_kept_by_demo_test");
            }
            ensureAsTheLoaderDoes();
            given().get("/ogc/collections/municipios").then().statusCode(404);

            db.update("CREATE TABLE layers.municipios (ogc_fid serial PRIMARY KEY, cvegeo varchar, nomgeo varchar, pobtot integer, "
                    + "geom geometry(MultiPolygon, 4326))");
            db.update("INSERT INTO layers.municipios (cvegeo, nomgeo, pobtot, geom) VALUES ('26030', 'Hermosillo', 936263, "
                    + "ST_Multi(ST_MakeEnvelope(-111.5, 28.5, -110.5, 29.5, 4326)))");
            ensureAsTheLoaderDoes();
            ensureAsTheLoaderDoes();
            given().get("/ogc/collections/municipios").then().statusCode(200).body("title", equalTo("Municipios de México (INEGI)"));
            given().get("/ogc/collections/municipios/items?cvegeo=26030").then().statusCode(200)
                    .body("features[0].properties.nomgeo", equalTo("Hermosillo"));
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = 'municipios' AND action = 'layer.register' "
                    + "AND actor = 'import:demo' AND at > now() - interval '1 minute'")).isEqualTo(1);
        } finally {
            db.update("DELETE FROM reference_layer WHERE id = 'municipios'");
            db.update("DROP TABLE IF EXISTS layers.municipios");
            if (existed) {
                db.update("ALTER TABLE layers.municipios_kept_by_demo_test RENAME TO municipios");
            }
            published.changed();
        }
    }
}
