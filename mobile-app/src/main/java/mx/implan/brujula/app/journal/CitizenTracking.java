package mx.implan.brujula.app.journal;

import java.time.Instant;

/**
 * What an anonymous citizen report got back from Open311: the tracking token (the only way to follow it, since
 * there is no account) and the latest status seen through it.
 *
 * @param token            tracking token returned once by {@code POST /open311/v2/requests.json}
 * @param serviceRequestId the report's id on the server
 * @param status           Open311 status ({@code open} or {@code closed}); null until first checked
 * @param statusNotes      the server's note on the status (Spanish by default)
 * @param checkedAt        when the status was last refreshed; null until then
 */
public record CitizenTracking(String token, String serviceRequestId, String status, String statusNotes,
                              Instant checkedAt) {

    /** Tokens are credentials of the reporter: never print them. */
    @Override
    public String toString() {
        return "CitizenTracking[serviceRequestId=" + serviceRequestId + ", status=" + status + ", checkedAt="
                + checkedAt + "]";
    }
}
