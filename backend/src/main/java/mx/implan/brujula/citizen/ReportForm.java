package mx.implan.brujula.citizen;

import mx.implan.brujula.model.Limits;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@code POST requests} form, validated: every bad input is a 400 (404 for an unknown
 * {@code service_code} or {@code jurisdiction_id}, as the spec says) in the Open311 error format
 * with a description in the caller's language. Parsing is strict: plain decimal numbers only, each
 * field at most once (only {@code media_url} may repeat), bounded sizes. Nothing here reaches the
 * network: {@code media_url} values are only parsed ({@link MediaUrls}).
 *
 * @param lat           null for an address-only report ({@link #needsLocation()})
 * @param photoSha256s  photos on this server named by {@code media_url}
 * @param links         external {@code media_url} links, never fetched
 */
public record ReportForm(ServiceCatalogue.Service service, Double lat, Double lon, String description,
                         List<String> photoSha256s, List<String> links, String email, String firstName, String lastName,
                         String phone, String deviceId, String addressString, String addressId, Integer severity,
                         UUID observationId, String bodyHash, List<String> media) {

    public static final int MAX_DESCRIPTION = Limits.MAX_NOTES;
    public static final int MAX_NAME = 100;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 30;
    public static final int MAX_ADDRESS = 500;
    public static final int MAX_ADDRESS_ID = 200;
    /** Most fields one form may carry: FixMyStreet sends about twenty, attributes included. */
    public static final int MAX_FIELDS = 200;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern PHONE = Pattern.compile("[+0-9 ()\\-.]{6," + MAX_PHONE + "}");
    /** A plain decimal number as people and GeoReport clients write coordinates: no exponent, hex, sign "+", or NaN. */
    static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,20})?");
    /** A UUID in its canonical form only ({@link UUID#fromString} also takes {@code 1-2-3-4-5}). */
    static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Fields read as one value; sending one twice is refused rather than guessing which one counts. */
    static final Set<String> SINGLE = Set.of("service_code", "lat", "long", "description", "email", "first_name", "last_name",
            "phone", "device_id", "address_string", "address_id", "account_id", "jurisdiction_id", "api_key",
            "attribute[severity]", "attribute[observation_id]");

    /** Every photo of the report, by hash: the {@code media_url} ones, then the uploaded {@code media} parts; each once. */
    public List<String> photos() {
        LinkedHashSet<String> all = new LinkedHashSet<>(photoSha256s);
        all.addAll(media);
        return List.copyOf(all);
    }

    /** An address-only report: stored at a placeholder point, flagged, until staff place it. */
    public boolean needsLocation() {
        return lat == null;
    }

    public boolean hasContact() {
        return email != null || firstName != null || lastName != null || phone != null;
    }

    /** A form whose photos came with it as {@code media} parts, already checked and hashed ({@code media}, in order). */
    public static ReportForm parse(Map<String, List<String>> form, List<String> media, Open311Config config, Locale locale) {
        Open311Text t = new Open311Text(locale);
        if (form.size() > MAX_FIELDS) {
            throw Open311Error.badRequest(t.get("error.tooManyFields", MAX_FIELDS));
        }
        form.forEach((name, values) -> {
            if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw Open311Error.badRequest(t.get("error.nul"));
            }
            if (SINGLE.contains(name) && values.size() > 1) {
                throw Open311Error.badRequest(t.get("error.repeated", name));
            }
        });
        Jurisdiction.check(one(form, "jurisdiction_id"), config, t);
        String code = one(form, "service_code");
        if (code == null) {
            throw Open311Error.badRequest(t.get("error.serviceCodeRequired"));
        }
        ServiceCatalogue.Service service = ServiceCatalogue.find(code)
                .orElseThrow(() -> new Open311Error(404, t.get("error.unknownService", code)));
        String latText = one(form, "lat");
        String lonText = one(form, "long");
        String address = limited(form, "address_string", MAX_ADDRESS, t);
        String addressId = limited(form, "address_id", MAX_ADDRESS_ID, t);
        Double lat = null;
        Double lon = null;
        if (latText != null || lonText != null) {
            if (latText == null || lonText == null) {
                throw Open311Error.badRequest(t.get("error.latLongTogether"));
            }
            lat = number(latText, "lat", -90, 90, t);
            lon = number(lonText, "long", -180, 180, t);
        } else if (address == null && addressId == null) {
            throw Open311Error.badRequest(t.get("error.locationRequired"));
        }
        String description = limited(form, "description", MAX_DESCRIPTION, t);
        MediaUrls urls = MediaUrls.parse(form.getOrDefault("media_url", List.of()), config.publicBaseUrl(), config.maxMedia(), t);
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
            // A singlevaluelist: one of the keys the service definition lists, as written there.
            if (!severityText.matches("[1-5]")) {
                throw Open311Error.badRequest(t.get("error.severity"));
            }
            severity = Integer.parseInt(severityText);
        }
        UUID observationId = null;
        String idText = one(form, "attribute[observation_id]");
        if (idText != null) {
            observationId = uuid(idText).orElseThrow(() -> Open311Error.badRequest(t.get("error.observationId")));
        }
        return new ReportForm(service, lat, lon, description, urls.photos(), urls.links(), email,
                limited(form, "first_name", MAX_NAME, t), limited(form, "last_name", MAX_NAME, t), phone,
                limited(form, "device_id", Limits.MAX_DEVICE_ID, t), address, addressId, severity, observationId,
                hash(form, media), List.copyOf(media));
    }

    /** A canonical UUID, or empty. */
    static java.util.Optional<UUID> uuid(String text) {
        return text != null && CANONICAL_UUID.matcher(text).matches() ? java.util.Optional.of(UUID.fromString(text)) : java.util.Optional.empty();
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

    /** A coordinate written as a plain decimal number within [min, max]. */
    private static double number(String raw, String field, double min, double max, Open311Text t) {
        if (!DECIMAL.matcher(raw).matches()) {
            throw Open311Error.badRequest(t.get("error.notANumber", field));
        }
        BigDecimal value = new BigDecimal(raw);
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw Open311Error.badRequest(t.get("error.range", field, min, max));
        }
        return value.doubleValue();
    }

    private static String limited(Map<String, List<String>> form, String field, int max, Open311Text t) {
        String value = one(form, field);
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw Open311Error.badRequest(t.get("error.tooLong", field, max));
        }
        return value;
    }

    /** The value of a form field, stripped; null when absent or blank. */
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
