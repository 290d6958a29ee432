package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.UploadService;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ClientAddress;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.limits.RateLimiter;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both kinds of {@code POST requests} once their body is read: the caller, the report rate limit
 * (once per request), the checks of the photos that came inside, then the report itself.
 */
@ApplicationScoped
public class ReportSubmission {

    @Inject
    CitizenReportService service;
    @Inject
    CurrentActor currentActor;
    @Inject
    ClientAddress clientAddress;
    @Inject
    RateLimiter limits;
    @Inject
    UploadService uploads;

    public CitizenReportService.Outcome submit(Map<String, List<String>> form, List<FormValue> files, HttpServerRequest request,
                                               String idempotencyKey, Open311Text t) {
        Actor account = currentActor.find().orElse(null);
        String address = clientAddress.of(request);
        // Per account when signed in; anonymous reporters share their (often carrier-wide) address.
        limits.report(account != null ? "account:" + account.name() : "address:" + address).ifPresent(wait -> {
            throw Open311Error.tooManyRequests(t.get("error.tooManyReports", wait), wait);
        });
        List<MediaPart> media = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            media.add(inspect(files.get(i), i, t));
        }
        return service.submit(form, media, new CitizenReportService.Caller(account, address), idempotencyKey, t.locale());
    }

    /** One media part through the checks of an upload (nothing stored yet); a refusal in the spec's format naming the part. */
    private MediaPart inspect(FormValue file, int index, Open311Text t) {
        FileItem item = file.getFileItem();
        try (InputStream in = item.getInputStream()) {
            return new MediaPart(uploads.inspect(in, item.getFileSize()), item::getInputStream);
        } catch (ApiProblem refused) {
            String name = file.getFileName() == null ? "" : " (" + file.getFileName() + ")";
            throw new Open311Error(refused.status(), t.get("error.mediaPart", index, name,
                    ProblemMessages.detail(refused.code(), t.locale(), refused.getMessage(), refused.args())));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading media part " + index, e);
        }
    }
}
