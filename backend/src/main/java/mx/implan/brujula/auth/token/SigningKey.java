package mx.implan.brujula.auth.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * The key pair that signs access tokens, kept in the database (base64 PKCS#8 / X.509 DER) so
 * every instance of the backend signs and verifies with the same key and nothing secret lives
 * in files or git.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {

    @Id
    public String kid;

    /** JWS algorithm name, e.g. RS256. */
    public String algorithm;

    @Column(name = "private_key")
    public String privateKey;

    @Column(name = "public_key")
    public String publicKey;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<SigningKey> findActive() {
        return find("active = true order by createdAt desc").firstResultOptional();
    }
}
