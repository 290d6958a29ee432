package mx.implan.brujula.auth;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Stands in for Keycloak in tests: its own RSA key pair, and a real HTTP endpoint on a free local
 * port serving the public key as a JWKS, which the backend fetches as it would a provider's
 * {@code /protocol/openid-connect/certs}. The private key reaches the test through configuration.
 */
public class ExternalIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://sso.example.mx/realms/brujula";
    public static final String AUDIENCE = "brujula-api";
    public static final String KID = "idp-key-1";
    public static final String PRIVATE_KEY_PROPERTY = "test.idp.private-key";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        KeyPair pair = rsa();
        String jwks = jwks((RSAPublicKey) pair.getPublic());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/certs", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of(
                "brujula.auth.oidc.enabled", "true",
                "brujula.auth.oidc.issuer", ISSUER,
                "brujula.auth.oidc.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/certs",
                "brujula.auth.oidc.audience", AUDIENCE,
                "brujula.auth.oidc.roles-claim", "realm_access/roles",
                PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}]}";
    }

    /** Unsigned big-endian, base64url without padding (RFC 7518 §6.3.1). */
    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
