package mx.implan.brujula.observations;

import mx.implan.brujula.auth.Actor;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The contact data of the person who reported an observation, for the staff's observation
 * detail. Citizen reports implement it (they keep that data apart and audit every disclosure), so
 * observations' views never depend on the citizen feature.
 */
public interface ObservationContacts {

    /** One report's contact data as staff see it. */
    record Contact(UUID serviceRequestId, String serviceCode, String status, OffsetDateTime reportedAt,
                   String firstName, String lastName, String email, String phone, OffsetDateTime anonymisedAt) {
    }

    /**
     * The reporter's contact data for {@code viewer}: empty when the observation did not come in with
     * contact data, or for anyone but staff; a disclosure is audited.
     */
    Optional<Contact> forDetail(Actor viewer, UUID observationId);
}
