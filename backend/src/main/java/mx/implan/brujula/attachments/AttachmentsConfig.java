package mx.implan.brujula.attachments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Photo storage (S3 bucket through the MinIO client) and the limits of uploads. */
@ConfigMapping(prefix = "brujula.attachments")
public interface AttachmentsConfig {

    /** S3 endpoint the backend talks to, e.g. {@code http://127.0.0.1:9000} (env BRUJULA_S3_ENDPOINT). */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /** S3 access key (env BRUJULA_S3_ACCESS_KEY); never committed. */
    @WithDefault("none")
    String accessKey();

    /** S3 secret key (env BRUJULA_S3_SECRET_KEY); never committed. */
    @WithDefault("none")
    String secretKey();

    /** S3 region used for request signing. */
    @WithDefault("us-east-1")
    String region();

    /** Bucket holding originals (key = SHA-256) and derived variants (env BRUJULA_S3_BUCKET); created on start if missing. */
    @WithDefault("brujula-photos")
    String bucket();

    /** Largest photo accepted, in bytes (25 MiB); over it → 413. */
    @WithDefault("26214400")
    long maxBytes();

    /** Largest image accepted, in pixels (width × height): refuses decompression bombs; 48 MP photos pass. */
    @WithDefault("100000000")
    long maxPixels();

    /** S3 endpoint reachable by clients; when set, GET answers with a presigned redirect instead of streaming. */
    Optional<String> publicEndpoint();

    /** Lifetime of a presigned redirect. */
    @WithDefault("PT5M")
    Duration presignExpiry();

    /** Most S3 requests in flight at once (and idle connections kept for reuse). */
    @WithDefault("64")
    int maxConnections();

    /** Longest side of {@code variant=thumb}, in pixels. */
    @WithDefault("320")
    int thumbSize();

    /** Longest side of {@code variant=public}, in pixels (larger photos are scaled down). */
    @WithDefault("2048")
    int publicSize();

    /** Variants generated at the same time (each holds a decoded, subsampled image in memory). */
    @WithDefault("2")
    int deriveConcurrency();

    /** Most hashes one {@code POST /attachments/missing} may ask about. */
    @WithDefault("1000")
    int maxMissingQuery();

    /** Directory for uploads in flight (default: the JVM's temporary directory). */
    Optional<String> tempDir();

    /** Objects and references younger than this are not reported (either may arrive first). */
    @WithDefault("P7D")
    Duration orphanGrace();

    /** How often the orphan report runs (Quarkus scheduler syntax, e.g. 6h). */
    @WithDefault("6h")
    String orphanReportEvery();

    /** How often observations flagged INCOMPLETE are re-checked against stored photos. */
    @WithDefault("60s")
    String incompleteSweepEvery();
}
