package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.FileUploadRoute;

/** A file of indicator values may be large. */
@ApplicationScoped
public class IndicatorImportBodyLimit extends FileUploadRoute {

    @Override
    protected String path() {
        return "/api/v1/admin/indicators/import";
    }
}
