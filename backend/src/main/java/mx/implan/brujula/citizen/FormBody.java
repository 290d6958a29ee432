package mx.implan.brujula.citizen;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, read as UTF-8 (what GeoReport clients send),
 * names to values in order. Bytes or escapes that are not UTF-8 are refused, never replaced.
 */
final class FormBody {

    private static final char REPLACEMENT = '\uFFFD';

    private FormBody() {
    }

    /**
     * Refuses a declared charset this server does not know. A known one is accepted (clients often
     * declare ISO-8859-1 for an ASCII body), but the body is read as UTF-8 all the same: bytes or
     * escapes that are not UTF-8 are refused by {@link #parse(byte[], Open311Text)}.
     */
    static void requireKnownCharset(String charsetParameter, Open311Text t) {
        if (charsetParameter == null) {
            return;
        }
        boolean known;
        try {
            known = Charset.isSupported(charsetParameter.strip());
        } catch (IllegalCharsetNameException e) {
            known = false;
        }
        if (!known) {
            throw Open311Error.badRequest(t.get("error.formCharset"));
        }
    }

    static Map<String, List<String>> parse(byte[] body, Open311Text t) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw Open311Error.badRequest(t.get("error.formCharset"));
        }
        return parse(text, t);
    }

    static Map<String, List<String>> parse(String body, Open311Text t) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), t);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), t);
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String s, Open311Text t) {
        String decoded;
        try {
            decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw Open311Error.badRequest(t.get("error.malformedForm"));
        }
        // The decoder replaces escapes that are not UTF-8 (%FF) with U+FFFD; one that was not written so is refused.
        if (decoded.indexOf(REPLACEMENT) >= 0 && !s.contains(String.valueOf(REPLACEMENT)) && !s.toUpperCase(Locale.ROOT).contains("%EF%BF%BD")) {
            throw Open311Error.badRequest(t.get("error.formCharset"));
        }
        return decoded;
    }
}
