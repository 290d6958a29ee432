package mx.implan.brujula.citizen;

import mx.implan.brujula.model.Limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code POST requests} form, validated: every bad input is a 400 in the Open311 error format
 * with a description in the caller's language. Nothing here reaches the network: {@code media_url}
 * is only parsed, and only this server's own attachment URLs pass.
 */
public record ReportForm(ServiceCatalogue.Service service, double lat, double lon, String description,
                         String photoSha256, String email, String firstName, String lastName, String phone,
                         String deviceId, String addressString, Integer severity, UUID observationId, String bodyHash,
                         List<String> media) {

    public static final int MAX_DESCRIPTION = Limits.MAX_NOTES;
    public static final int MAX_NAME = 100;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 30;
    public static final int MAX_ADDRESS = 500;
    private static final Pattern ATTACHMENT_PATH = Pattern.compile("/api/v1/attachments/([0-9a-f]{64})");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern PHONE = Pattern.compile("[+0-9 ()\\-.]{6," + MAX_PHONE + "}");

    /** Every photo of the report, by hash: the {@code media_url} one, then the uploaded {@code media} parts; each once. */
    public List<String> photos() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        if (photoSha256 != null) {
            all.add(photoSha256);
        }
        all.addAll(media);
        return List.copyOf(all);
    }

    public boolean hasContact() {
        return email != null || firstName != null || lastName != null || phone != null;
    }

    public static ReportForm parse(Map<String, List<String>> form, String publicBaseUrl, Locale locale) {
        return parse(form, List.of(), publicBaseUrl, locale);
    }

    /** A form whose photos came with it as {@code media} parts, already checked and hashed ({@code media}, in order). */
    public static ReportForm parse(Map<String, List<String>> form, List<String> media, String publicBaseUrl, Locale locale) {
        Open311Text t = new Open311Text(locale);
        form.forEach((name, values) -> {
            if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw Open311Error.badRequest(t.get("error.nul"));
            }
        });
        String code = one(form, "service_code");
        if (code == null) {
            throw Open311Error.badRequest(t.get("error.serviceCodeRequired"));
        }
        ServiceCatalogue.Service service = ServiceCatalogue.find(code).orElseThrow(() -> Open311Error.badRequest(
                t.get("error.unknownService", code)));
        String latText = one(form, "lat");
        String lonText = one(form, "long");
        String address = limited(form, "address_string", MAX_ADDRESS, t);
        if (latText == null || lonText == null) {
            if (address != null || one(form, "address_id") != null) {
                throw Open311Error.badRequest(t.get("error.addressNotGeocoded"));
            }
            throw Open311Error.badRequest(t.get("error.locationRequired"));
        }
        double lat = number(latText, "lat", -90, 90, t);
        double lon = number(lonText, "long", -180, 180, t);
        String description = one(form, "description");
        if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw Open311Error.badRequest(t.get("error.tooLong", "description", MAX_DESCRIPTION));
        }
        String sha = mediaSha(one(form, "media_url"), publicBaseUrl, t);
        String email = limited(form, "email", MAX_EMAIL, t);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw Open311Error.badRequest(t.get("error.email"));
        }
        String phone = limited(form, "phone", MAX_PHONE, t);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw Open311Error.badRequest(t.get("error.phone"));
        }
        Integer severity = null;
        String severityText = one(form, "attribute[severity]");
        if (severityText != null) {
            severity = (int) number(severityText, "attribute[severity]", Limits.MIN_SEVERITY, Limits.MAX_SEVERITY, t);
            if (severity != Double.parseDouble(severityText.trim())) {
                throw Open311Error.badRequest(t.get("error.severity"));
            }
        }
        UUID observationId = null;
        String idText = one(form, "attribute[observation_id]");
        if (idText != null) {
            try {
                observationId = UUID.fromString(idText);
            } catch (IllegalArgumentException e) {
                throw Open311Error.badRequest(t.get("error.observationId"));
            }
        }
        return new ReportForm(service, lat, lon, description, sha, email,
                limited(form, "first_name", MAX_NAME, t), limited(form, "last_name", MAX_NAME, t), phone,
                limited(form, "device_id", Limits.MAX_DEVICE_ID, t), address, severity, observationId, hash(form, media),
                List.copyOf(media));
    }

    /** The attachment hash of an own {@code /api/v1/attachments/{sha256}} URL (relative or under the public base URL). */
    static String mediaSha(String mediaUrl, String publicBaseUrl, Open311Text t) {
        if (mediaUrl == null) {
            return null;
        }
        String path = mediaUrl;
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        if (!mediaUrl.startsWith("/")) {
            path = mediaUrl.regionMatches(true, 0, base + "/", 0, base.length() + 1) ? mediaUrl.substring(base.length()) : null;
        }
        Matcher m = path == null ? null : ATTACHMENT_PATH.matcher(path);
        if (m == null || !m.matches()) {
            throw Open311Error.badRequest(t.get("error.mediaUrl", base + "/api/v1/attachments/{sha256}"));
        }
        return m.group(1);
    }

    /** SHA-256 over the form, independent of parameter order: what "the same body" means for idempotency. */
    static String hash(Map<String, List<String>> form) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(form).forEach((k, values) -> {
            for (String v : values) {
                canonical.append(k).append('=').append(v == null ? "" : v.strip()).append('\n');
            }
        });
        return sha256(canonical.toString());
    }

    /**
     * The same with the SHA-256 of each uploaded photo, in order: the same fields with other photo
     * bytes are another request. Without photos it is {@link #hash(Map)}, so form posts keep their hash.
     */
    static String hash(Map<String, List<String>> form, List<String> media) {
        if (media.isEmpty()) {
            return hash(form);
        }
        // A NUL cannot occur in a field name that passes parse, so no form field can imitate this line.
        return sha256(hash(form) + "\n\0media=" + String.join(",", media));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double number(String raw, String field, double min, double max, Open311Text t) {
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw Open311Error.badRequest(t.get("error.notANumber", field));
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw Open311Error.badRequest(t.get("error.range", field, min, max));
        }
        return value;
    }

    private static String limited(Map<String, List<String>> form, String field, int max, Open311Text t) {
        String value = one(form, field);
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw Open311Error.badRequest(t.get("error.tooLong", field, max));
        }
        return value;
    }

    /** The first non-blank value of a form field, stripped; null when absent. */
    static String one(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        if (values == null) {
            return null;
        }
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
