package mx.implan.brujula.citizen;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.observations.ObservationContacts;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reporters' contact data for staff, and the ARCO answers for one citizen (admins): access
 * (export), rectification, cancellation/opposition (erasure). Every call is audited.
 */
@Path("/api/v1/citizen-contacts")
@Tag(name = "Citizen contact data", description = "Reporters' personal data for staff, and ARCO requests")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CitizenContactResource {

    @Inject
    CitizenContacts contacts;
    @Inject
    CurrentActor actor;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Contact data of one citizen report (staff only; audited)")
    public ObservationContacts.Contact ofReport(@PathParam("id") String id) {
        return contacts.ofReport(actor.get(), uuid(id));
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "ARCO access: export every report's contact data of one citizen, by email and/or phone (audited)")
    public Map<String, Object> export(@QueryParam("email") String email, @QueryParam("phone") String phone) {
        List<ObservationContacts.Contact> items = contacts.export(actor.get(), email, phone);
        return Map.of("items", items);
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "ARCO cancellation/opposition: erase one citizen's contact data from all their reports (audited)")
    public Map<String, Object> erase(@QueryParam("email") String email, @QueryParam("phone") String phone,
                                     @QueryParam("reason") String reason) {
        return Map.of("erased", contacts.erase(actor.get(), email, phone, reason));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "ARCO rectification of one report's contact data (audited)")
    public ObservationContacts.Contact rectify(@PathParam("id") String id, CitizenContacts.Rectification change) {
        if (change == null) {
            throw ApiProblem.badRequest("INVALID_TYPE", "The body must be an object");
        }
        return contacts.rectify(actor.get(), uuid(id), change);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("id", "INVALID_UUID", "Must be a UUID");
        }
    }
}
