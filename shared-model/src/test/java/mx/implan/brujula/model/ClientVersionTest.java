package mx.implan.brujula.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientVersionTest {

    @Test
    void parsesHeader() {
        assertThat(ClientVersion.parse("mobile-app/1.4.0")).contains(new ClientVersion("mobile-app", 1, 4, 0));
        assertThat(ClientVersion.parse(" mobile-app/1.4 ")).contains(new ClientVersion("mobile-app", 1, 4, 0));
        assertThat(ClientVersion.parse("mobile-app/2.0.1-rc1")).contains(new ClientVersion("mobile-app", 2, 0, 1));
        assertThat(ClientVersion.parse("mobile-app/1.4.0").orElseThrow().toString()).isEqualTo("mobile-app/1.4.0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"mobile-app", "mobile-app/1", "mobile-app/x.y.z", "mobile-app/1.4.0 extra",
            "/1.4.0", "mobile app/1.4.0", "mobile-app/99999999999.0.0", "mobile-app/-1.0.0"})
    void rejectsMalformed(String header) {
        assertThat(ClientVersion.parse(header)).isEmpty();
    }

    @Test
    void comparesNumerically() {
        ClientVersion v190 = ClientVersion.parse("mobile-app/1.9.0").orElseThrow();
        ClientVersion v1100 = ClientVersion.parse("mobile-app/1.10.0").orElseThrow();
        ClientVersion v1101 = ClientVersion.parse("mobile-app/1.10.1").orElseThrow();
        ClientVersion v200 = ClientVersion.parse("mobile-app/2.0.0").orElseThrow();
        List<ClientVersion> sorted = new ArrayList<>(List.of(v200, v1101, v190, v1100));
        sorted.sort(null);
        assertThat(sorted).containsExactly(v190, v1100, v1101, v200);
        assertThat(v1100.isAtLeast(v190)).isTrue();
        assertThat(v190.isAtLeast(v1100)).isFalse();
        assertThat(v200.isAtLeast(ClientVersion.parse("web/1.0.0").orElseThrow())).isFalse();
    }
}
