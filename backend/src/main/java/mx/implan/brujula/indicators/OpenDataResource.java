package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The open-data catalogue (DCAT, JSON-LD), for data portals and harvesters; no account needed. */
@Path("/api/v1/opendata")
@Tag(name = "Indicators (SMI)")
@PermitAll
public class OpenDataResource {

    public static final String JSON_LD = "application/ld+json";

    @Inject
    DcatCatalogue dcat;

    @GET
    @Path("catalog.jsonld")
    @Produces(JSON_LD)
    @Operation(summary = "DCAT catalogue of the open data", description = "A dcat:Catalog with one dcat:Dataset per indicator and its CSV and JSON distributions.")
    public Response catalogue() {
        ObjectNode doc = dcat.build();
        return Response.ok(doc.toString(), JSON_LD + "; charset=UTF-8").build();
    }
}
