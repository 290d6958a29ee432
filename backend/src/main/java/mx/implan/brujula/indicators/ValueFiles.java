package mx.implan.brujula.indicators;

import mx.implan.brujula.http.UnreadableFileException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.JsonProblems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a file of indicator values — CSV with a header row, or JSON (a list of objects, or
 * {@code {"values": [...]}}) — into raw rows keyed by the CSV column names, each with the line it
 * starts on. Nothing is validated here but the file's shape.
 */
final class ValueFiles {

    enum Format { CSV, JSON }

    /** A row as read: canonical column → text (absent when the file leaves it out); {@code invalid}: columns holding a non-scalar. */
    record RawRow(int row, int line, Map<String, String> fields, Set<String> invalid) {
    }

    record Parsed(Format format, String encoding, List<RawRow> rows, List<String> ignored) {
    }

    static final String CODE = "indicator_code";
    static final String ZONE = "zone_id";
    static final String PERIOD_TYPE = "period_type";
    static final String PERIOD_START = "period_start";
    static final String DIMENSION = "dimension";
    static final String VALUE = "value";
    static final String NUMERATOR = "numerator";
    static final String DENOMINATOR = "denominator";
    static final String SOURCE = "source";
    static final List<String> COLUMNS = List.of(CODE, ZONE, PERIOD_TYPE, PERIOD_START, DIMENSION, VALUE, NUMERATOR,
            DENOMINATOR, SOURCE);
    static final List<String> REQUIRED = List.of(CODE, ZONE, PERIOD_TYPE, PERIOD_START);
    /** JSON member names (camelCase) → CSV column names. */
    static final Map<String, String> JSON_NAMES = Map.of("indicatorCode", CODE, "zoneId", ZONE, "periodType", PERIOD_TYPE,
            "periodStart", PERIOD_START, "dimension", DIMENSION, "value", VALUE, "numerator", NUMERATOR,
            "denominator", DENOMINATOR, "source", SOURCE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ValueFiles() {
    }

    /** By extension, else by the first character ({@code [} or {@code &#123;} → JSON). */
    static Format detect(String filename, String text) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return Format.CSV;
        }
        String t = text.stripLeading();
        return t.startsWith("[") || t.startsWith("{") ? Format.JSON : Format.CSV;
    }

    /** UTF-8 when valid, else Windows-1252 (Excel's "CSV" in Spanish); a BOM is dropped. Returns text and charset. */
    static String[] decode(byte[] content) {
        String text;
        String charset;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            charset = "UTF-8";
        } catch (CharacterCodingException notUtf8) {
            text = new String(content, WINDOWS_1252);
            charset = "windows-1252";
        }
        return new String[]{text.startsWith("\uFEFF") ? text.substring(1) : text, charset};
    }

    static Parsed parse(String text, String encoding, Format format, ObjectMapper mapper) {
        if (text.isBlank()) {
            throw new UnreadableFileException("IMPORT_EMPTY", "The file is empty");
        }
        return format == Format.CSV ? csv(text, encoding) : json(text, encoding, mapper);
    }

    private static Parsed csv(String text, String encoding) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(text)).setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).setCommentMarker('#')
                .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        int[] lineStarts = lineStarts(text);
        List<RawRow> rows = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(new StringReader(text), format);
            Map<String, String> columns = new LinkedHashMap<>();
            for (String header : parser.getHeaderNames()) {
                String key = header.strip().toLowerCase(Locale.ROOT);
                if (COLUMNS.contains(key)) {
                    columns.put(key, header);
                } else if (!key.isEmpty()) {
                    ignored.add(header.strip());
                }
            }
            List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
            if (!missing.isEmpty() || !(columns.containsKey(VALUE) || columns.containsKey(NUMERATOR))) {
                List<String> all = new ArrayList<>(missing);
                if (!(columns.containsKey(VALUE) || columns.containsKey(NUMERATOR))) {
                    all.add("value | numerator+denominator");
                }
                throw new UnreadableFileException("IMPORT_MISSING_COLUMNS", "Missing columns: {0}", String.join(", ", all));
            }
            for (CSVRecord record : parser.getRecords()) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                Map<String, String> fields = new LinkedHashMap<>();
                columns.forEach((key, header) -> {
                    if (record.isSet(header) && !record.get(header).isEmpty()) {
                        fields.put(key, record.get(header));
                    }
                });
                rows.add(new RawRow(line, line, fields, Set.of()));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            long line = parser == null ? 1 : Math.max(1, parser.getCurrentLineNumber());
            throw new UnreadableFileException("IMPORT_UNREADABLE", "The file cannot be read as {0} (near line {1})", "CSV",
                    String.valueOf(line));
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignoredClose) {
                    // a string reader holds nothing
                }
            }
        }
        return new Parsed(Format.CSV, encoding, rows, ignored);
    }

    private static Parsed json(String text, String encoding, ObjectMapper mapper) {
        // One row of the list at a time: the rows after it are not "trailing content".
        ObjectReader reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<RawRow> rows = new ArrayList<>();
        Set<String> ignored = new LinkedHashSet<>();
        try (JsonParser p = reader.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                // {"values": [...]}: find the list, skipping any other member
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken next = p.nextToken();
                    if ("values".equals(name) && next == JsonToken.START_ARRAY) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    throw new UnreadableFileException("IMPORT_NOT_VALUES", "The JSON must be a list of values or an object with the list \"values\"");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw new UnreadableFileException("IMPORT_NOT_VALUES", "The JSON must be a list of values or an object with the list \"values\"");
            }
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new UnreadableFileException("IMPORT_UNREADABLE", "The file cannot be read as {0} (near line {1})", "JSON",
                            String.valueOf(p.currentLocation().getLineNr()));
                }
                index++;
                int line = p.currentLocation().getLineNr();
                JsonNode node = reader.readTree(p);
                rows.add(jsonRow(index, line, node, ignored));
            }
        } catch (JsonProcessingException e) {
            ApiProblem problem = JsonProblems.of(e, Locale.ROOT);
            if (!"MALFORMED_JSON".equals(problem.code())) {
                throw new UnreadableFileException(problem.code(), problem.getMessage(), problem.args());
            }
            throw new UnreadableFileException("IMPORT_UNREADABLE", "The file cannot be read as {0} (near line {1})", "JSON",
                    String.valueOf(e.getLocation() == null ? 1 : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(Format.JSON, encoding, rows, List.copyOf(ignored));
    }

    private static RawRow jsonRow(int index, int line, JsonNode node, Set<String> ignored) {
        Map<String, String> fields = new LinkedHashMap<>();
        Set<String> invalid = new LinkedHashSet<>();
        if (node == null || !node.isObject()) {
            invalid.add("$");
            return new RawRow(index, line, fields, invalid);
        }
        node.fields().forEachRemaining(e -> {
            String column = JSON_NAMES.get(e.getKey());
            if (column == null) {
                ignored.add(e.getKey());
                return;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                return;
            }
            if (!v.isValueNode()) {
                invalid.add(column);
            } else {
                String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
                if (!text.isBlank()) {
                    fields.put(column, text.strip());
                }
            }
        });
        return new RawRow(index, line, fields, invalid);
    }

    private static char delimiter(String text) {
        for (String line : text.split("\r?\n|\r")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            return line.indexOf(',') < 0 && line.indexOf(';') >= 0 ? ';' : ',';
        }
        return ',';
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
