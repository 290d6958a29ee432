package mx.implan.brujula.indicators;

import mx.implan.brujula.http.UnreadableFileException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.RequestLocale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators feed the SMI: imports of values from files, and a full recompute of the computed ones. */
@Path("/api/v1/admin/indicators")
@Tag(name = "Indicators (SMI)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IndicatorAdminResource {

    @Inject
    IndicatorImport importer;
    @Inject
    IndicatorRecompute recompute;

    /** 200 with the per-row report even when rows were rejected; 400 when the file cannot be read at all. */
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Import indicator values", description = "Body text/csv or application/json (docs/indicators.md, Imports); answers the per-row report with line numbers. Re-importing a file changes nothing.")
    public ObjectNode importValues(byte[] body, @Context HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        boolean json = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        try {
            return importer.importBytes(body == null ? new byte[0] : body, json)
                    .toJson(RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
        } catch (UnreadableFileException e) {
            throw e.toProblem();
        }
    }

    @POST
    @Path("recompute")
    @Operation(summary = "Recompute every computed indicator", description = "From the observation table, the zones and the works catalogue, in one transaction (e.g. after zones are reloaded).")
    public ObjectNode recompute() {
        IndicatorRecompute.Report report = recompute.recomputeLive();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("observations", report.contributions());
        n.put("values", report.values());
        n.put("millis", report.millis());
        return n;
    }
}
