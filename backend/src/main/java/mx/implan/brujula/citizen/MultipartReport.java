package mx.implan.brujula.citizen;

import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart {@code POST requests}, read: its text fields as a form and its {@code media} file
 * parts (not yet checked as photos). Every misuse is a 400/413 in the spec's format.
 */
record MultipartReport(Map<String, List<String>> form, List<FormValue> files) {

    /** The multipart field of a report's photos, as other GeoReport v2 servers name it. */
    static final String MEDIA = "media";

    static MultipartReport read(MultipartFormDataInput input, int maxFormChars, int maxMedia, Open311Text t) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        List<FormValue> files = new ArrayList<>();
        int chars = 0;
        for (Map.Entry<String, Collection<FormValue>> field : input.getValues().entrySet()) {
            if (field.getKey() == null) {
                // A part whose Content-Disposition names no field: a malformed part, not a server fault.
                throw Open311Error.badRequest(t.get("error.multipart", t.get("error.multipart.other")));
            }
            for (FormValue value : field.getValue()) {
                if (value.isFileItem()) {
                    if (!MEDIA.equals(field.getKey())) {
                        throw Open311Error.badRequest(t.get("error.fileNotMedia", field.getKey()));
                    }
                    files.add(value);
                } else if (MEDIA.equals(field.getKey())) {
                    throw Open311Error.badRequest(t.get("error.mediaNotFile"));
                } else {
                    chars += field.getKey().length() + value.getValue().length();
                    form.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(value.getValue());
                }
            }
        }
        if (chars > maxFormChars) {
            throw new Open311Error(413, t.get("error.formTooLarge"));
        }
        if (files.size() > maxMedia) {
            throw Open311Error.badRequest(t.get("error.tooManyMedia", maxMedia));
        }
        return new MultipartReport(form, files);
    }
}
