package mx.implan.brujula.monitoring;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One WORKS_PROGRESS observation as works monitoring keeps it: the work it reports on, when, how far
 * and at which stage, who reported it and its photos (sha256, in the observation's order).
 *
 * @param workId    null when the observation names no work
 * @param percent   null when the inspector gave none
 * @param capturedAt with the device's offset
 */
public record ProgressReport(UUID observationId, UUID workId, long rev, OffsetDateTime capturedAt, BigDecimal percent,
                             String stage, String author, String status, List<String> photos) {

    public static final String ARCHIVED = "ARCHIVED";

    public ProgressReport {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** Archived reports stay stored but no longer count (a supervisor set them aside). */
    public boolean counts() {
        return !ARCHIVED.equals(status);
    }
}
