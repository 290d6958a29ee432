package mx.implan.brujula.auth.token;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Owns the token signing key pair. The first instance to start with an empty {@code signing_key}
 * table generates an RSA-2048 pair and stores it; instances that start at the same time wait on
 * a PostgreSQL advisory lock and then read the same row, so all of them share one key.
 */
@ApplicationScoped
public class SigningKeyService {

    public static final String ALGORITHM = "RS256";
    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);
    /** Arbitrary constant naming the advisory lock that serializes key creation across instances. */
    private static final long KEY_CREATION_LOCK = 0x6272756a_6b657931L;

    @Inject
    EntityManager em;

    private volatile ActiveKey cached;

    /** Loads (or creates) the key when the application starts, so verifying a token never waits on the database. */
    void onStart(@Observes StartupEvent event) {
        current();
    }

    /** The active key; read from the database once, then from memory. */
    public ActiveKey current() {
        ActiveKey key = cached;
        if (key == null) {
            synchronized (this) {
                key = cached;
                if (key == null) {
                    key = ensureKey();
                    cached = key;
                }
            }
        }
        return key;
    }

    /** Reads the active key, generating and storing one first if there is none, in a short transaction of its own. */
    ActiveKey ensureKey() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Held until commit: a second instance blocks here and then sees the committed row.
            em.createNativeQuery("SELECT pg_advisory_xact_lock(" + KEY_CREATION_LOCK + ")").getSingleResult();
            SigningKey row = SigningKey.findActive().orElseGet(this::generate);
            return decode(row);
        });
    }

    /** Forgets the in-memory copy, as a restart would; the next {@link #current()} rereads the database. */
    void forgetCached() {
        cached = null;
    }

    private SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            SigningKey row = new SigningKey();
            row.kid = thumbprint(pair.getPublic());
            row.algorithm = ALGORITHM;
            row.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            row.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            row.active = true;
            row.createdAt = Instant.now();
            row.persist();
            LOG.infof("Generated token signing key %s", row.kid);
            return row;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the token signing key", e);
        }
    }

    private static ActiveKey decode(SigningKey row) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(row.privateKey)));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(row.publicKey)));
            return new ActiveKey(row.kid, row.algorithm, privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Signing key " + row.kid + " in the database is unreadable", e);
        }
    }

    /** Key id: the first 128 bits of the SHA-256 of the public key, base64url, so it identifies the key itself. */
    private static String thumbprint(PublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /** A decoded key pair with its id. */
    public record ActiveKey(String kid, String algorithm, PrivateKey privateKey, PublicKey publicKey) {
    }
}
