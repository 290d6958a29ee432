package mx.implan.brujula.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged Open311 forms (url-encoded and multipart) and filters, in JSON and XML: every refusal is a GeoReport error
 * list in the path's format with the HTTP status as its code, never a 5xx or problem+json, and a refused report
 * stores nothing.
 */
class HostileOpen311IT {

    private final HostileBackend backend = HostileBackend.get();

    static final List<String> FIELDS = List.of("service_code", "lat", "long", "description", "email", "phone",
            "first_name", "last_name", "address_string", "address_id", "device_id", "account_id", "media_url",
            "attribute[severity]", "attribute[observation_id]", "jurisdiction_id", "api_key", "attribute[]", "attribute");
    static final List<String> VALUES = List.of("", "0x1p3", "0x10", "1e3", "8f", "8d", "NaN", "Infinity", "-0", "91",
            "-181", " 29.07", "29,07", "29.07.1", "+29.07", "29.0729000000000000000000001", "\u0000", "a\u0000b",
            "x".repeat(5_000), "RISK_NOPE", "../RISK_INUNDACION", "no-es-correo", "+52 (662) ☎", "9", "0",
            "not-a-uuid", "http://localhost/foto.jpg", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
            "http://user:pw@example.com/x.jpg", "http://10.0.0.1/x.jpg", "javascript:alert(1)",
            "/api/v1/attachments/" + "a".repeat(64), "+999999999-12-31T23:59:59Z", "0001-01-01T00:00:00Z");

    /** A damaged form: its bytes and Content-Type. */
    record Form(String name, String contentType, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Form> forms() {
        Arbitrary<Integer> field = Arbitraries.integers().between(0, FIELDS.size() - 1);
        Arbitrary<Form> replaced = Combinators.combine(field, Arbitraries.of(VALUES)).as((f, v) -> {
            Map<String, String> form = HostileBodies.report();
            form.put(FIELDS.get(f), v);
            return urlencoded(FIELDS.get(f) + "=" + abbreviate(v), form);
        });
        Arbitrary<Form> removed = field.map(f -> {
            Map<String, String> form = HostileBodies.report();
            form.remove(FIELDS.get(f));
            return urlencoded("without " + FIELDS.get(f), form);
        });
        Arbitrary<Form> twice = field.map(f -> raw("twice " + FIELDS.get(f), "application/x-www-form-urlencoded",
                new String(HostileBackend.form(HostileBodies.report()), StandardCharsets.UTF_8) + "&" + FIELDS.get(f) + "=1"));
        Arbitrary<Form> encodings = Arbitraries.of("%ZZ", "%C3%28", "%FF%FE", "%", "a=%E0%A4", "=&=&", "&&&&", "lat",
                        "lat==1", "%00=%00")
                .map(bad -> raw("encoding " + bad, "application/x-www-form-urlencoded",
                        new String(HostileBackend.form(HostileBodies.report()), StandardCharsets.UTF_8) + "&" + bad));
        Arbitrary<Form> many = Arbitraries.of(201, 1_000, 5_000).map(n -> {
            StringBuilder s = new StringBuilder(new String(HostileBackend.form(HostileBodies.report()), StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                s.append("&f").append(i).append('=').append(i);
            }
            return raw(n + " more fields", "application/x-www-form-urlencoded", s.toString());
        });
        Arbitrary<Form> multipart = Arbitraries.of(Multipart.values()).map(Multipart::form);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, replaced), net.jqwik.api.Tuple.of(1, removed),
                net.jqwik.api.Tuple.of(1, twice), net.jqwik.api.Tuple.of(2, encodings), net.jqwik.api.Tuple.of(1, many),
                net.jqwik.api.Tuple.of(3, multipart));
    }

    @Property(tries = 60)
    void damagedReports(@ForAll("forms") Form form, @ForAll boolean xml, @ForAll boolean signedIn) {
        String path = "/open311/v2/requests." + (xml ? "xml" : "json");
        DataFingerprint before = DataFingerprint.of(backend);
        Reply r = backend.client.send("POST", path, signedIn ? backend.bearer("citizen") : null,
                Map.of("Content-Type", form.contentType()), form.body());
        Answer.check(path, r);
        if (r.status() >= 400) {
            assertThat(before.differences(DataFingerprint.of(backend))).as("a refused report wrote: " + r.describe()).isEmpty();
        }
    }

    /** Every broken multipart body, in both formats, signed in or not (the property samples them; this runs them all). */
    @net.jqwik.api.Example
    void everyBrokenMultipartBodyIsA4xxInTheSpecFormat() {
        for (Multipart broken : Multipart.values()) {
            for (String format : List.of("json", "xml")) {
                String path = "/open311/v2/requests." + format;
                Form form = broken.form();
                DataFingerprint before = DataFingerprint.of(backend);
                Reply r = backend.client.send("POST", path, null, Map.of("Content-Type", form.contentType()), form.body());
                Answer.check(path, r);
                assertThat(r.status()).as(broken + ": " + r.describe()).isBetween(400, 499);
                assertThat(before.differences(DataFingerprint.of(backend))).as(r.describe()).isEmpty();
            }
        }
    }

    static final List<String> FILTERS = List.of("start_date", "end_date", "updated_after", "updated_before", "status",
            "service_code", "service_request_id", "lat", "long", "radius", "page", "page_size", "mine");

    @Property(tries = 40)
    void damagedFilters(@ForAll("filters") String filter, @ForAll("values") String value, @ForAll boolean xml,
                        @ForAll boolean updates) {
        String path = "/open311/v2/" + (updates ? "servicerequestupdates." : "requests.") + (xml ? "xml" : "json");
        String target = path + "?" + filter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        DataFingerprint before = DataFingerprint.of(backend);
        Reply r = RawReply.get(backend.client.base(), target, null);
        Answer.check(path, r);
        assertThat(before.differences(DataFingerprint.of(backend))).as("a read wrote: " + r.describe()).isEmpty();
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.of(FILTERS);
    }

    @Provide
    Arbitrary<String> values() {
        List<String> dates = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "2026-02-30T00:00:00Z", "2026-01-01", "1767225600", "2026-01-01T00:00:00+25:00");
        List<String> all = new ArrayList<>(dates);
        VALUES.stream().filter(v -> v.length() < 100).forEach(all::add);
        return Arbitraries.of(all);
    }

    /** Ways a multipart body goes wrong. */
    enum Multipart {
        NO_CLOSING_BOUNDARY(b -> part(b, "service_code", null, "RISK_INUNDACION") + part(b, "lat", null, "29.07")),
        WRONG_BOUNDARY(b -> valid("otro-limite")),
        UNKNOWN_CHARSET(b -> part(b, "service_code", "text/plain; charset=x-klingon", "RISK_INUNDACION")
                + part(b, "lat", "text/plain; charset=x-klingon", "29.07") + part(b, "long", null, "-110.96") + "--" + b + "--\r\n"),
        THOUSAND_FIELDS(b -> {
            StringBuilder s = new StringBuilder(valid(b).replace("--" + b + "--\r\n", ""));
            for (int i = 0; i < 1_000; i++) {
                s.append(part(b, "f" + i, null, Integer.toString(i)));
            }
            return s + "--" + b + "--\r\n";
        }),
        PART_WITHOUT_NAME(b -> "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + valid(b).substring(0)),
        MEDIA_NOT_AN_IMAGE(b -> valid(b).replace("--" + b + "--\r\n", "") + "--" + b
                + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n<html>\r\n--"
                + b + "--\r\n"),
        MEDIA_EMPTY(b -> valid(b).replace("--" + b + "--\r\n", "") + "--" + b
                + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"x.jpg\"\r\n\r\n\r\n--" + b + "--\r\n"),
        MEDIA_NOT_A_FILE(b -> valid(b).replace("--" + b + "--\r\n", "") + part(b, "media", null, "texto") + "--" + b + "--\r\n"),
        HEADERS_ONLY(b -> "--" + b + "\r\nContent-Disposition: form-data; name=\"lat\""),
        GARBAGE(b -> "esto no es multipart"),
        EMPTY(b -> "");

        private final Function<String, String> body;

        Multipart(Function<String, String> body) {
            this.body = body;
        }

        Form form() {
            String boundary = "limite-hostil-7";
            return raw("multipart " + name(), "multipart/form-data; boundary=" + boundary, body.apply(boundary));
        }

        static String valid(String b) {
            StringBuilder s = new StringBuilder();
            HostileBodies.report().forEach((k, v) -> s.append(part(b, k, null, v)));
            return s + "--" + b + "--\r\n";
        }

        static String part(String boundary, String name, String type, String value) {
            return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                    + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + value + "\r\n";
        }
    }

    private static Form urlencoded(String name, Map<String, String> fields) {
        return new Form(name, "application/x-www-form-urlencoded", HostileBackend.form(new LinkedHashMap<>(fields)));
    }

    private static Form raw(String name, String type, String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return new Form(name, type, out.toByteArray());
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }
}
