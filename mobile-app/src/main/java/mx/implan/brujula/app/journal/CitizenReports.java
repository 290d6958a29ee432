package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Anonymous citizen reports ({@link Journal#ANONYMOUS}) on their way through Open311, and what the server said
 * about them since: the tracking token and the latest status seen through it.
 */
public interface CitizenReports {

    /** Anonymous reports not yet answered, each recorded as in flight (same opId = same Idempotency-Key on resend). */
    List<Observation> beginCitizenReports();

    /**
     * The photos of a write stored on this device, in the write's order, each once: what an anonymous report
     * carries inside it (it cannot upload them apart). A photo whose file is gone cannot be sent and is left out.
     */
    List<PendingPhoto> photosOf(Observation write);

    /** Open311 accepted the report (its photos with it): keep its tracking token. */
    void citizenReportAccepted(Observation write, String token, String serviceRequestId);

    /** Open311 refused the report (the spec's 400): kept, with the server's reason. */
    void citizenReportRejected(Observation write, List<FieldError> errors);

    /** The write went nowhere (no answer): it stays in flight and is sent again as it is. */
    void citizenReportInterrupted(List<Observation> writes);

    /** Anonymous reports with a tracking token, by observation id. */
    Map<UUID, CitizenTracking> trackedReports();

    /** The status the server now gives the report. */
    void applyTracking(UUID id, String status, String statusNotes);

    /** The tracking token and status of an anonymous report, once sent. */
    Optional<CitizenTracking> tracking(UUID observationId);
}
