package mx.implan.brujula.model.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import mx.implan.brujula.model.Fixtures;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.geojson.GeometryArbitraries;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.observation.Resolution;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ContentHashTest {

    @Test
    void canonicalContentOfTheDesignExample() {
        Observation o = Fixtures.risk();
        assertThat(ContentHash.canonicalJson(o)).isEqualTo(
                "{\"accuracyM\":4.5,\"attributes\":{\"hazard\":\"HUNDIMIENTO\",\"peopleExposed\":30,\"severity\":4},"
                        + "\"capturedAt\":\"2026-11-25T17:15:00Z\","
                        + "\"geometry\":{\"coordinates\":[-110.9613,29.0729],\"type\":\"Point\"},"
                        + "\"kind\":\"RISK\",\"notes\":\"Socavón junto a la banqueta\","
                        + "\"photos\":[{\"bytes\":2481121,\"mediaType\":\"image/jpeg\",\"sha256\":\"" + Fixtures.SHA
                        + "\",\"takenAt\":\"2026-11-25T17:14:40Z\"}]}");
        // SHA-256 of the text above, computed independently (Python hashlib).
        assertThat(ContentHash.of(o)).isEqualTo("2e89b3c5411b2a4e022f642698e49e3f64a2deb058e92dceed77f65bf0175436");
    }

    @Test
    void wireJsonAndBuiltObservationHashEqually() throws Exception {
        Observation read = Fixtures.JSON.readValue(Fixtures.DESIGN_ITEM, Observation.class);
        assertThat(ContentHash.of(read)).isEqualTo(ContentHash.of(Fixtures.risk()));
    }

    @Test
    void sameValueInDifferentNumericTypesHashesEqually() {
        Observation a = Fixtures.risk().toBuilder().attribute("severity", 4).build();
        Observation b = Fixtures.risk().toBuilder().attribute("severity", new BigDecimal("4.00")).build();
        assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b));
    }

    @Test
    void nullAttributeValuesAreOmitted() {
        Observation a = Fixtures.risk();
        Map<String, Object> withNull = new LinkedHashMap<>(a.attributes());
        withNull.put("peopleExposed", null);
        Observation b = a.withAttributes(withNull);
        Observation c = a.toBuilder().attribute("peopleExposed", null).build();
        assertThat(ContentHash.of(b)).isEqualTo(ContentHash.of(c)).isNotEqualTo(ContentHash.of(a));
    }

    @Provide
    Arbitrary<Observation> observations() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(1_500_000_000_000L, 2_000_000_000_000L)
                .map(Instant::ofEpochMilli);
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-12 * 3600, 14 * 3600)
                .map(s -> ZoneOffset.ofTotalSeconds(s / 900 * 900));
        Arbitrary<OffsetDateTime> times = net.jqwik.api.Combinators.combine(instants, offsets)
                .as((i, z) -> i.atOffset(z));
        Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<PhotoRef> photo = net.jqwik.api.Combinators.combine(sha,
                        Arbitraries.of("image/jpeg", "image/png", "image/webp", "image/heic"),
                        Arbitraries.longs().between(1, 20_000_000), times)
                .as(PhotoRef::new);
        Arbitrary<Map<String, Object>> attributes = net.jqwik.api.Combinators.combine(
                        Arbitraries.of(Hazard.class), Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 10_000))
                .as((h, s, p) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("hazard", h.name());
                    m.put("severity", s);
                    m.put("peopleExposed", p);
                    return m;
                });
        return Builders.withBuilder(Observation::builder)
                .use(Arbitraries.create(UUID::randomUUID)).in(Observation.Builder::id)
                .use(Arbitraries.just(ObservationKind.RISK)).in(Observation.Builder::kind)
                .use(GeometryArbitraries.observationGeometry()).in(Observation.Builder::geometry)
                .use(Arbitraries.doubles().between(0, 500).ofScale(3)).in(Observation.Builder::accuracyM)
                .use(times).in(Observation.Builder::capturedAt)
                .use(Arbitraries.strings().ofMaxLength(200).injectNull(0.1)).in(Observation.Builder::notes)
                .use(attributes).in(Observation.Builder::attributes)
                .use(photo.list().ofMaxSize(5)).in(Observation.Builder::photos)
                .build(Observation.Builder::build);
    }

    @Property(tries = 200)
    void hashIgnoresKeyOrderAndServerFields(@ForAll("observations") Observation o, @ForAll long seed) {
        Random random = new Random(seed);
        List<Map.Entry<String, Object>> entries = new ArrayList<>(o.attributes().entrySet());
        Collections.shuffle(entries, random);
        Map<String, Object> shuffled = new LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
        Observation other = o.toBuilder()
                .attributes(shuffled)
                .id(UUID.randomUUID())
                .opId(UUID.randomUUID())
                .deviceId("other-" + random.nextInt())
                .baseRev((long) random.nextInt(100))
                .resolution(Resolution.TAKE_SERVER)
                .build()
                .withServerFields((long) random.nextInt(1000), "user" + random.nextInt(),
                        ObservationStatus.values()[random.nextInt(ObservationStatus.values().length)],
                        OffsetDateTime.now(), List.of(Flag.CLOCK_SKEW, Flag.OUTSIDE_AOI), random.nextDouble() * 1e4,
                        List.of(Fixtures.SHA));
        assertThat(ContentHash.of(other)).isEqualTo(ContentHash.of(o));
    }

    @Property(tries = 100)
    void equalContentReadBackFromTheWireHashesEqually(@ForAll("observations") Observation o) throws Exception {
        Observation back = Fixtures.JSON.readValue(Fixtures.JSON.writeValueAsString(o), Observation.class);
        assertThat(ContentHash.of(back)).isEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void differentNotesGiveDifferentHash(@ForAll("observations") Observation o, @ForAll String notes) {
        Assume.that(!notes.equals(o.notes()));
        assertThat(ContentHash.of(o.toBuilder().notes(notes).build())).isNotEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void differentGeometryGivesDifferentHash(@ForAll("observations") Observation o,
                                             @ForAll("geometries") Geometry g) {
        Assume.that(!g.equalsExact(o.geometry()));
        assertThat(ContentHash.of(o.toBuilder().geometry(g).build())).isNotEqualTo(ContentHash.of(o));
    }

    @Provide
    Arbitrary<Geometry> geometries() {
        return GeometryArbitraries.observationGeometry();
    }

    @Property(tries = 200)
    void differentAttributeGivesDifferentHash(@ForAll("observations") Observation o,
                                              @ForAll @IntRange(min = 1, max = 5) int severity) {
        Assume.that(!o.attributes().get("severity").equals(severity));
        assertThat(ContentHash.of(o.toBuilder().attribute("severity", severity).build()))
                .isNotEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void movingOneVertexChangesTheHash(@ForAll("observations") Observation o) {
        Geometry moved = o.geometry().copy();
        Coordinate c = moved.getCoordinates()[0];
        c.setX(c.getX() + 1e-9);
        moved.geometryChanged();
        Assume.that(!moved.equalsExact(o.geometry()));
        assertThat(ContentHash.of(o.toBuilder().geometry(moved).build())).isNotEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void sameInstantWithAnotherOffsetHashesEqually(@ForAll("observations") Observation o,
                                                   @ForAll @IntRange(min = -18, max = 18) int hours) {
        ZoneOffset offset = ZoneOffset.ofHours(hours);
        Observation shifted = o.toBuilder()
                .capturedAt(o.capturedAt().withOffsetSameInstant(offset))
                .photos(o.photos().stream()
                        .map(p -> new PhotoRef(p.sha256(), p.mediaType(), p.bytes(), p.takenAt().withOffsetSameInstant(offset)))
                        .toList())
                .build();
        assertThat(ContentHash.of(shifted)).isEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void anotherInstantChangesTheHash(@ForAll("observations") Observation o,
                                      @ForAll @IntRange(min = 1, max = 100_000) int seconds) {
        Observation later = o.toBuilder().capturedAt(o.capturedAt().plusSeconds(seconds)).build();
        assertThat(ContentHash.of(later)).isNotEqualTo(ContentHash.of(o));
    }

    @Property(tries = 200)
    void photoOrderIsIrrelevant(@ForAll("observations") Observation o, @ForAll long seed) {
        List<PhotoRef> photos = new ArrayList<>(o.photos());
        Collections.shuffle(photos, new Random(seed));
        assertThat(ContentHash.of(o.toBuilder().photos(photos).build())).isEqualTo(ContentHash.of(o));
    }

    @Test
    void hashIsLowercaseHex() {
        assertThat(ContentHash.of(Fixtures.risk())).matches("[0-9a-f]{64}");
        assertThat(GeoJson.factory().getSRID()).isEqualTo(4326);
    }
}
