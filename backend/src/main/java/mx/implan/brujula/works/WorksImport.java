package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;
import mx.implan.brujula.http.UnreadableFileException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.DatabaseOutage;
import mx.implan.brujula.http.JsonProblems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Imports a public works catalogue from CSV or a GeoJSON FeatureCollection. The whole file is
 * parsed and every row validated before anything is written, so an unreadable file changes
 * nothing; then each good row is upserted in its own transaction, so one row that fails to write
 * never undoes the others. Bad rows are reported one by one and skipped.
 */
@ApplicationScoped
public class WorksImport {

    private static final Logger LOG = Logger.getLogger(WorksImport.class);
    /** Field name for problems of a whole row rather than of one column. */
    static final String ROW_FIELD = "$";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public enum Format { CSV, GEOJSON }

    @Inject
    PublicWorkCatalogue catalogue;

    @Inject
    ObjectMapper mapper;

    /** A row as parsed, with problems found before validation (wrong field count, non-object properties). */
    private record Parsed(WorkDraft draft, List<FieldIssue> structural) {
    }

    private record ParsedFile(List<Parsed> rows, List<String> ignored) {
    }

    /**
     * @throws IOException            the file cannot be read at all
     * @throws UnreadableFileException  it can be read but is not an importable catalogue
     */
    public ImportReport importFile(Path file, Actor actor, boolean dryRun) throws IOException {
        byte[] content = Files.readAllBytes(file);
        return importBytes(content, detect(file.getFileName().toString(), content), actor, dryRun);
    }

    public ImportReport importBytes(byte[] content, Format format, Actor actor, boolean dryRun) {
        Decoded text = decode(content);
        ParsedFile parsed = format == Format.CSV ? parseCsv(text.text()) : parseGeoJson(text.text());
        return run(parsed, format, text.charset(), actor, dryRun);
    }

    /** By extension; otherwise a body starting with '{' is GeoJSON and anything else CSV. */
    public static Format detect(String filename, byte[] content) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return Format.CSV;
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return Format.GEOJSON;
        }
        for (byte b : content) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '{' ? Format.GEOJSON : Format.CSV;
            }
        }
        return Format.CSV;
    }

    private record Decoded(String text, String charset) {
    }

    /**
     * UTF-8 when the bytes are valid UTF-8; otherwise Windows-1252, which is what Excel in Spanish
     * writes for "CSV (delimitado por comas)" — so accents survive either way. A BOM is dropped.
     */
    static Decoded decode(byte[] content) {
        String text;
        String charset;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            charset = "UTF-8";
        } catch (CharacterCodingException notUtf8) {
            text = new String(content, WINDOWS_1252);
            charset = "windows-1252";
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Decoded(text, charset);
    }

    // ---- CSV ----

    ParsedFile parseCsv(String text) {
        if (text.isBlank()) {
            throw new UnreadableFileException("IMPORT_EMPTY", "The file is empty");
        }
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                // Lines starting with # are notes (e.g. the demo catalogue's disclaimer).
                .setCommentMarker('#')
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .get();
        List<Integer> recordLines = recordLines(text);
        int[] lineStarts = lineStarts(text);
        List<Parsed> rows = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(new StringReader(text), format);
            Map<String, String> columns = new LinkedHashMap<>(); // canonical name → header as written
            for (String header : parser.getHeaderNames()) {
                String key = header.strip().toLowerCase(Locale.ROOT);
                if (WorkDraft.CSV_COLUMNS.contains(key)) {
                    columns.put(key, header);
                } else if (!key.isEmpty()) {
                    ignored.add(header.strip());
                }
            }
            List<String> missing = new ArrayList<>();
            for (String required : List.of(WorkDraft.CODE, WorkDraft.NAME)) {
                if (!columns.containsKey(required)) {
                    missing.add(required);
                }
            }
            boolean lonLat = columns.containsKey(WorkDraft.LON) && columns.containsKey(WorkDraft.LAT);
            if (!lonLat && !columns.containsKey(WorkDraft.WKT)) {
                missing.add("lon+lat | wkt");
            }
            if (!missing.isEmpty()) {
                throw new UnreadableFileException("IMPORT_MISSING_COLUMNS", "Missing columns: {0}", String.join(", ", missing));
            }
            int headerSize = parser.getHeaderNames().size();
            List<CSVRecord> records = parser.getRecords();
            // Record i starts on recordLines[i + 1] (index 0 is the header) when the quote scan agrees
            // with the parser on the number of records; otherwise the parser's character position.
            boolean scanAgrees = recordLines.size() == records.size() + 1;
            for (int i = 0; i < records.size(); i++) {
                CSVRecord record = records.get(i);
                int line = scanAgrees ? recordLines.get(i + 1) : lineOf(lineStarts, record.getCharacterPosition());
                Map<String, JsonNode> values = new HashMap<>();
                columns.forEach((key, header) -> {
                    if (record.isSet(header)) {
                        values.put(key, TextNode.valueOf(record.get(header)));
                    }
                });
                List<FieldIssue> structural = record.size() == headerSize ? List.of()
                        : List.of(new FieldIssue(ROW_FIELD, "COLUMN_COUNT", "The row has {0} fields; the header has {1}",
                                String.valueOf(record.size()), String.valueOf(headerSize)));
                rows.add(new Parsed(new WorkDraft(line, values, null, UnaryOperator.identity()), structural));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // The parser's message is English and names its internals: say where, in our words.
            long line = parser == null ? 1 : Math.max(1, parser.getCurrentLineNumber());
            throw new UnreadableFileException("IMPORT_UNREADABLE",
                    "The file cannot be read as {0} (near line {1})",
                    "CSV", String.valueOf(line));
        } finally {
            closeQuietly(parser);
        }
        return new ParsedFile(rows, ignored);
    }

    private static void closeQuietly(CSVParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // reading from a string: nothing to release
            }
        }
    }

    /** Comma unless the header line uses semicolons only (a common spreadsheet export setting). */
    private static char delimiter(String text) {
        for (String line : text.split("\r?\n|\r")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            return line.indexOf(',') < 0 && line.indexOf(';') >= 0 ? ';' : ',';
        }
        return ',';
    }

    /**
     * The 1-based line on which each record starts (header first), found by following quotes the
     * way RFC 4180 does: a line that begins outside quotes starts a record unless it is empty or a
     * comment. Row numbers in the report are then what an editor shows, even when a quoted field
     * spans lines or comments sit between rows.
     */
    static List<Integer> recordLines(String text) {
        List<Integer> starts = new ArrayList<>();
        boolean inQuotes = false;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!inQuotes) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                starts.add(i + 1);
            }
            for (int c = 0; c < line.length(); c++) {
                if (line.charAt(c) == '"') {
                    inQuotes = !inQuotes; // an escaped "" toggles twice
                }
            }
        }
        return starts;
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

    /** 1-based line containing character {@code position}. */
    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    // ---- GeoJSON ----

    ParsedFile parseGeoJson(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            ApiProblem problem = JsonProblems.of(e, Locale.ROOT);
            if (!"MALFORMED_JSON".equals(problem.code())) {
                // a key given twice, nesting too deep…: said as the API says it, never in Jackson's words
                throw new UnreadableFileException(problem.code(), problem.getMessage(), problem.args());
            }
            throw new UnreadableFileException("IMPORT_UNREADABLE",
                    "The file cannot be read as {0} (near line {1})",
                    "GeoJSON", String.valueOf(e.getLocation() == null ? 1 : e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())
                || !root.path("features").isArray()) {
            throw new UnreadableFileException("IMPORT_NOT_FEATURE_COLLECTION", "The file is not a GeoJSON FeatureCollection");
        }
        Set<String> known = new LinkedHashSet<>(WorkDraft.CSV_COLUMNS);
        known.add(WorkDraft.CURVE);
        Set<String> ignored = new LinkedHashSet<>();
        List<Parsed> rows = new ArrayList<>();
        JsonNode features = root.get("features");
        UnaryOperator<String> naming = key -> WorkDraft.GEOMETRY.equals(key) ? key : "properties." + key;
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            Map<String, JsonNode> values = new HashMap<>();
            List<FieldIssue> structural = new ArrayList<>();
            JsonNode geometry = null;
            if (!feature.isObject()) {
                structural.add(new FieldIssue(ROW_FIELD, "INVALID_TYPE", "Must be a GeoJSON Feature"));
            } else {
                JsonNode properties = feature.path("properties");
                if (properties.isObject()) {
                    properties.fields().forEachRemaining(e -> {
                        if (known.contains(e.getKey())) {
                            values.put(e.getKey(), e.getValue());
                        } else {
                            ignored.add(e.getKey());
                        }
                    });
                } else if (!properties.isNull() && !properties.isMissingNode()) {
                    structural.add(new FieldIssue("properties", "INVALID_TYPE", "Must be an object"));
                }
                geometry = feature.get("geometry");
            }
            rows.add(new Parsed(new WorkDraft(i + 1, values, geometry, naming), structural));
        }
        return new ParsedFile(rows, List.copyOf(ignored));
    }

    // ---- validation and writing ----

    private ImportReport run(ParsedFile parsed, Format format, String charset, Actor actor, boolean dryRun) {
        Map<String, Integer> firstRowOfCode = new HashMap<>();
        List<ImportReport.Row> report = new ArrayList<>();
        for (Parsed p : parsed.rows()) {
            WorkDraft d = p.draft();
            List<FieldIssue> issues = new ArrayList<>(p.structural());
            WorkValidator.Result result = WorkValidator.validate(d);
            issues.addAll(result.issues());
            String code = codeOf(d);
            if (code != null) {
                Integer first = firstRowOfCode.putIfAbsent(code, d.row());
                if (first != null) {
                    // The first occurrence wins; a second one is almost always a copy-paste slip.
                    issues.add(new FieldIssue(d.field(WorkDraft.CODE), "DUPLICATE_CODE", "Code already used in row {0}",
                            String.valueOf(first)));
                }
            }
            if (!issues.isEmpty()) {
                report.add(new ImportReport.Row(d.row(), code, Outcome.REJECTED, null, null, List.copyOf(issues)));
                continue;
            }
            report.add(write(d.row(), result.work(), actor, dryRun));
        }
        return ImportReport.of(format.name(), charset, dryRun, parsed.ignored(), report);
    }

    private ImportReport.Row write(int row, WorkInput work, Actor actor, boolean dryRun) {
        try {
            PublicWorkCatalogue.Upsert upsert = QuarkusTransaction.requiringNew()
                    .call(() -> catalogue.upsert(work, actor, dryRun));
            return new ImportReport.Row(row, work.code(), upsert.outcome(), upsert.id(), upsert.rev(), List.of());
        } catch (RuntimeException e) {
            if (DatabaseOutage.is(e)) {
                throw e; // not this row's fault: the import as a whole answers 503
            }
            // One row that cannot be written (e.g. a concurrent import of the same code) is reported, not fatal;
            // the database's message stays in the log, under an incident id the report names.
            String incident = UUID.randomUUID().toString();
            LOG.warnf(e, "Import of work %s (row %d) failed, incident %s", work.code(), row, incident);
            return new ImportReport.Row(row, work.code(), Outcome.REJECTED, null, null,
                    List.of(new FieldIssue(ROW_FIELD, "WRITE_FAILED", "Could not be saved (incident {0})", incident)));
        }
    }

    private static String codeOf(WorkDraft d) {
        JsonNode n = d.value(WorkDraft.CODE);
        if (n == null || !n.isValueNode() || n.isNull() || n.asText().isBlank()) {
            return null;
        }
        return n.asText().strip();
    }
}
