package mx.implan.brujula.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import mx.implan.brujula.model.ClientVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUriPolicyTest {

    @Test
    void acceptsHttpsAndNormalisesTheTrailingSlash() {
        assertThat(BaseUriPolicy.check(URI.create("https://brujula.implan.mx")))
                .isEqualTo(URI.create("https://brujula.implan.mx/"));
        assertThat(BaseUriPolicy.check(URI.create("https://implan.mx:8443/brujula")))
                .isEqualTo(URI.create("https://implan.mx:8443/brujula/"));
        assertThat(BaseUriPolicy.check(URI.create("HTTPS://implan.mx/brujula/")))
                .isEqualTo(URI.create("https://implan.mx/brujula/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://LOCALHOST/", "http://127.0.0.1:8080/",
            "http://127.1.2.3/", "http://127.255.255.255/", "http://[::1]:8080/", "http://[0:0:0:0:0:0:0:1]/"})
    void acceptsPlainHttpOnLoopback(String uri) {
        assertThat(BaseUriPolicy.check(URI.create(uri)).getScheme()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://brujula.implan.mx/", "http://10.0.0.5:8080/", "http://192.168.1.10/",
            "http://128.0.0.1/", "http://127.0.0.1.nip.io/", "http://localhost.evil.example/",
            "http://[::2]/", "http://[fe80::1]/", "http://[::ffff:10.0.0.1]/"})
    void refusesPlainHttpElsewhere(String uri) {
        assertThatThrownBy(() -> BaseUriPolicy.check(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insecure")
                .hasMessageContaining("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://brujula.implan.mx/", "ws://localhost/", "brujula.implan.mx", "/api/v1",
            "https://user:secret@brujula.implan.mx/", "https://brujula.implan.mx/?x=1", "http://127.0.0.256/"})
    void refusesWhatIsNotAServerAddress(String uri) {
        assertThatThrownBy(() -> BaseUriPolicy.check(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void theClientRefusesAnInsecureAddressAtConstruction() {
        assertThatThrownBy(() -> new SyncClient(URI.create("http://brujula.implan.mx/"),
                ClientVersion.parse("mobile-app/1.0.0").orElseThrow(), Locale.ROOT, new InMemoryTokenStore(),
                Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing insecure server address http://brujula.implan.mx/");
    }
}
