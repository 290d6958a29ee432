package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Checks that depend on server state store the item with flags; they never reject offline work. */
@QuarkusTest
class ServerFlagsTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;
    @Inject
    DemoReferenceData referenceData;

    @BeforeEach
    void municipalityIsTheAreaOfInterest() {
        referenceData.load();
    }

    private io.restassured.response.ValidatableResponse push(String body) {
        return given().header("Authorization", users.bearer("insp-flags", Roles.INSPECTOR)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/sync/push").then().statusCode(200);
    }

    @Test
    void pointOutsideTheMunicipalityIsStoredFlagged() {
        ObjectNode zocalo = Items.risk(UUID.randomUUID(), -99.1332, 19.4326);
        push(Items.batch(zocalo)).body("results[0].status", equalTo("CREATED")).body("results[0].flags", hasItem("OUTSIDE_AOI"));
        assertThat(db.string("SELECT array_to_string(flags, ',') FROM observation WHERE id = ?", UUID.fromString(zocalo.get("id").asText())))
                .contains("OUTSIDE_AOI");
        ObjectNode downtown = Items.risk(UUID.randomUUID());
        push(Items.batch(downtown)).body("results[0].status", equalTo("CREATED")).body("results[0].flags", not(hasItem("OUTSIDE_AOI")));
    }

    @Test
    void futureCaptureTimeIsStoredFlagged() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        item.put("capturedAt", OffsetDateTime.now(ZoneOffset.ofHours(-7)).plusDays(3).withNano(0).toString());
        push(Items.batch(item)).body("results[0].status", equalTo("CREATED")).body("results[0].flags", hasItem("CLOCK_SKEW"));
    }

    @Test
    void deviceClockOffIsFlaggedAndTheOffsetKept() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        ObjectNode batch = (ObjectNode) Items.JSON.valueToTree(Items.JSON.createObjectNode());
        batch.put("deviceId", "tab-017");
        batch.put("sentAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
        batch.putArray("items").add(item);
        push(batch.toString()).body("results[0].flags", hasItem("CLOCK_SKEW"));
        long offset = db.count("SELECT clock_offset_s FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText()));
        assertThat(offset).isBetween(7_100L, 7_300L);
    }

    @Test
    void progressOnAnUnknownWorkIsStoredFlagged() {
        ObjectNode item = Items.worksProgress(UUID.randomUUID(), UUID.randomUUID(), 40);
        push(Items.batch(item)).body("results[0].status", equalTo("CREATED")).body("results[0].flags", equalTo(List.of("UNKNOWN_WORK")));
    }

    @Test
    void progressOnACatalogueWorkIsNotFlagged() {
        String workId = db.string("SELECT id::text FROM public_work ORDER BY code LIMIT 1");
        assertThat(workId).as("the demo catalogue is loaded").isNotNull();
        ObjectNode item = Items.worksProgress(UUID.randomUUID(), UUID.fromString(workId), 40);
        push(Items.batch(item)).body("results[0].status", equalTo("CREATED")).body("results[0].flags", not(hasItem("UNKNOWN_WORK")));
    }
}
