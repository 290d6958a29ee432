package mx.implan.brujula.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.ClientFixture;
import mx.implan.brujula.app.api.FakeServer;
import mx.implan.brujula.app.api.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAccountsTest {

    @TempDir
    Path dir;
    private FakeServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:15:00Z"));
    private final AtomicInteger issued = new AtomicInteger();

    @BeforeEach
    void server() throws IOException {
        server = new FakeServer()
                .on("/api/v1/auth/token", r -> {
                    String user = r.json().get("username").asText();
                    if (!r.json().get("password").asText().equals("clave-de-" + user)) {
                        return FakeServer.Answer.problem(401, "{\"status\":401,\"code\":\"INVALID_CREDENTIALS\"}");
                    }
                    return tokens(user);
                })
                .on("/api/v1/auth/me", r -> {
                    String user = r.header("Authorization").replace("Bearer access-", "").replaceAll("-\\d+$", "");
                    return FakeServer.Answer.json(200, "{\"username\":\"" + user + "\",\"role\":\"inspector\",\"displayName\":\"" + user + " L.\"}");
                });
    }

    private FakeServer.Answer tokens(String user) {
        int n = issued.incrementAndGet();
        return FakeServer.Answer.json(200, "{\"accessToken\":\"access-" + user + "-" + n + "\",\"refreshToken\":\"refresh-"
                + user + "-" + n + "\",\"expiresIn\":3600}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FileAccounts open() {
        return FileAccounts.open(dir, server.uri(), ClientFixture.VERSION, Locale.forLanguageTag("es-MX"), clock);
    }

    @Test
    void aSessionSurvivesARestartAndIsStoredEncryptedUnderAnOwnerOnlyKey() throws IOException {
        Account ana = open().signIn("ana", "clave-de-ana");
        assertThat(ana).isEqualTo(new Account("ana", "INSPECTOR", "ana L."));

        FileAccounts restarted = open();
        assertThat(restarted.current()).contains(ana);
        assertThat(restarted.needsSignIn("ana")).isFalse();
        assertThat(restarted.client("ana")).isPresent();

        try (var files = Files.list(dir.resolve("sessions"))) {
            for (Path f : files.toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain("refresh-ana").doesNotContain("access-ana").doesNotContain("INSPECTOR");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/device.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aWrongPasswordAsksToSignInAndStoresNothing() {
        FileAccounts accounts = open();
        assertThatThrownBy(() -> accounts.signIn("ana", "otra"))
                .isInstanceOf(AuthenticationRequiredException.class);
        assertThat(accounts.known()).isEmpty();
        assertThat(accounts.current()).isEmpty();
    }

    @Test
    void aSharedTabletKeepsEachPersonsSessionApart() {
        FileAccounts accounts = open();
        accounts.signIn("ana", "clave-de-ana");
        accounts.signIn("beto", "clave-de-beto");
        assertThat(accounts.current().orElseThrow().username()).isEqualTo("beto");
        accounts.switchTo("ana");

        FileAccounts restarted = open();
        assertThat(restarted.current().orElseThrow().username()).isEqualTo("ana");
        assertThat(restarted.known()).extracting(Account::username).containsExactly("ana", "beto");

        restarted.signOut();
        assertThat(restarted.current()).isEmpty();
        assertThat(open().known()).extracting(Account::username).containsExactly("beto");
    }

    @Test
    void aTamperedOrSwappedSessionFileIsNotTrustedAndThatPersonSignsInAgain() throws IOException {
        FileAccounts accounts = open();
        accounts.signIn("ana", "clave-de-ana");
        accounts.signIn("beto", "clave-de-beto");
        Path anas = dir.resolve("sessions/u" + java.util.HexFormat.of().formatHex("ana".getBytes(StandardCharsets.UTF_8)) + ".session");
        Path betos = dir.resolve("sessions/u" + java.util.HexFormat.of().formatHex("beto".getBytes(StandardCharsets.UTF_8)) + ".session");
        // Beto's sealed file under Ana's name: the tag binds it to "beto", so it does not open as Ana's.
        Files.copy(betos, anas, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        FileAccounts restarted = open();

        assertThat(restarted.needsSignIn("ana")).isTrue();
        assertThat(restarted.client("ana")).isEmpty();
        assertThat(restarted.needsSignIn("beto")).isFalse();
    }

    @Test
    void aRefusedRefreshEndsTheSessionButKeepsTheAccountKnown() {
        server.on("/api/v1/auth/refresh", r -> FakeServer.Answer.problem(401, "{\"status\":401,\"code\":\"REFRESH_INVALID\"}"));
        server.on("/api/v1/sync/pull", r -> FakeServer.Answer.problem(401, "{\"status\":401,\"code\":\"TOKEN_EXPIRED\"}"));
        FileAccounts accounts = open();
        accounts.signIn("ana", "clave-de-ana");

        assertThatThrownBy(() -> accounts.client("ana").orElseThrow().pull(null, 10))
                .isInstanceOf(AuthenticationRequiredException.class);

        assertThat(accounts.needsSignIn("ana")).isTrue();
        FileAccounts restarted = open();
        assertThat(restarted.needsSignIn("ana")).isTrue();
        assertThat(restarted.known()).extracting(Account::username).containsExactly("ana");

        restarted.signIn("ana", "clave-de-ana");
        assertThat(restarted.needsSignIn("ana")).isFalse();
    }
}
