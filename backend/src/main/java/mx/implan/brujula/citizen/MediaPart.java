package mx.implan.brujula.citizen;

import mx.implan.brujula.attachments.UploadService;

import java.io.IOException;
import java.io.InputStream;

/**
 * A photo that came inside an Open311 request (a multipart {@code media} part), already through
 * the upload checks ({@link UploadService#inspect}) but not stored yet: it is stored only once the
 * request is known to be a new report, so a refused or replayed request stores nothing.
 */
public record MediaPart(UploadService.Inspected inspected, Source source) {

    /** Reopens the part's bytes (kept on local disk for the length of the request). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public String sha256() {
        return inspected.sha256();
    }
}
