package mx.implan.brujula.works;

import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.FileUploadRoute;

/** A catalogue import may be a large GeoJSON. */
@ApplicationScoped
public class ImportBodyLimit extends FileUploadRoute {

    @Override
    protected String path() {
        return "/api/v1/works/import";
    }
}
