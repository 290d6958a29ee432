package mx.implan.brujula.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void nameBasedMatchesRfc9562Example() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(Ids.nameBased(dns, "www.example.com")).hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void nameBasedUsesTheProjectNamespace() {
        // Expected value computed independently with Python's uuid.uuid5.
        assertThat(Ids.nameBased("obra:SEDATU-2026-001")).hasToString("fe721edc-2ca3-5dbe-9462-2bbd37a03892");
        assertThat(Ids.nameBased("a")).isEqualTo(Ids.nameBased("a")).isNotEqualTo(Ids.nameBased("b"));
    }

    @Test
    void v7CarriesVersionVariantAndTime() {
        long now = System.currentTimeMillis();
        UUID id = Ids.newV7();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(now - 1_000, now + 1_000);
        assertThat(Ids.v7(0x0123_4567_89ABL).toString()).startsWith("01234567-89ab-7");
    }

    @Test
    void v7IsUnique() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newV7());
        }
        assertThat(ids).hasSize(10_000);
    }
}
