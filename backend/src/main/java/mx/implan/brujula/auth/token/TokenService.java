package mx.implan.brujula.auth.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthConfig;
import mx.implan.brujula.auth.AuthProblems;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.http.ApiProblem;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Issues token pairs: a short-lived JWT access token signed with the database key, and an opaque
 * rotating refresh token stored only as a hash. Presenting a refresh token twice means a copy is
 * in someone else's hands, so the whole family dies, with every access token already issued, and
 * the rightful owner signs in again.
 */
@ApplicationScoped
public class TokenService {

    /** Claim carrying the user's token version; a token whose version is behind the user's is refused. */
    public static final String TOKEN_VERSION_CLAIM = "tv";

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final int REFRESH_TOKEN_BYTES = 32;

    @Inject
    UserService users;

    @Inject
    SigningKeyService keys;

    @Inject
    AuthConfig config;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private final SecureRandom random = new SecureRandom();

    /** Username and password → a new token pair (a new refresh family), or 401 INVALID_CREDENTIALS. */
    @Transactional
    public TokenPair login(String username, String password) {
        AppUser user = users.authenticate(username, password).orElseThrow(AuthProblems::invalidCredentials);
        return issue(user, UUID.randomUUID());
    }

    /**
     * Exchanges a refresh token for a new pair and marks it used. Problems are thrown without
     * rolling back, so revoking a family on reuse is kept although the answer is a 401.
     */
    @Transactional(dontRollbackOn = ApiProblem.class)
    public TokenPair refresh(String presented) {
        if (presented == null || presented.isBlank()) {
            throw AuthProblems.invalidRefreshToken();
        }
        RefreshToken token = RefreshToken.findByHashForUpdate(sha256Hex(presented.strip()))
                .orElseThrow(AuthProblems::invalidRefreshToken);
        Instant now = Instant.now();
        if (token.revokedAt != null) {
            throw AuthProblems.invalidRefreshToken();
        }
        if (token.usedAt != null) {
            int revoked = RefreshToken.revokeFamily(token.familyId, now);
            // Access tokens carry no family: the user's token version kills those of the copy too
            // (the user's other sign-ins get new ones with their own refresh tokens).
            users.invalidateAccessTokens(token.user);
            LOG.warnf("Refresh token reused for user %s: revoked %d token(s) of family %s", token.user.username, revoked, token.familyId);
            throw AuthProblems.invalidRefreshToken();
        }
        if (!token.expiresAt.isAfter(now) || !token.user.enabled) {
            throw AuthProblems.invalidRefreshToken();
        }
        token.usedAt = now;
        return issue(token.user, token.familyId);
    }

    /** Signs an access token for the user as it is now (role, token version). */
    public String accessToken(AppUser user, Instant issuedAt) {
        SigningKeyService.ActiveKey key = keys.current();
        return Jwt.issuer(issuer)
                .upn(user.username)
                .subject(user.id.toString())
                .groups(Set.of(user.role))
                .claim(TOKEN_VERSION_CLAIM, user.tokenVersion)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(config.accessTokenTtl()))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.kid())
                .sign(key.privateKey());
    }

    private TokenPair issue(AppUser user, UUID family) {
        Instant now = Instant.now();
        String refresh = newRefreshToken();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.user = user;
        row.familyId = family;
        row.tokenHash = sha256Hex(refresh);
        row.issuedAt = now;
        row.expiresAt = now.plus(config.refreshTokenTtl());
        row.persist();
        return new TokenPair(accessToken(user, now), refresh, config.accessTokenTtl().toSeconds());
    }

    /** 256 random bits, base64url: unguessable, so storing only its hash is enough. */
    private String newRefreshToken() {
        byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issued pair; {@code expiresIn} is the access token's lifetime in seconds. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {
    }
}
