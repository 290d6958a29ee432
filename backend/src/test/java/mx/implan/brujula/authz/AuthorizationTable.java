package mx.implan.brujula.authz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authorization table of docs/authorization.md ("endpoint | citizen | inspector | supervisor | admin | anonymous"),
 * parsed: the document the tests run, so the docs and the behaviour cannot drift apart.
 */
final class AuthorizationTable {

    static final List<String> CALLERS = List.of("citizen", "inspector", "supervisor", "admin", "anonymous");
    /** Where the table lives, relative to the repository root. */
    static final String DOCUMENT = "docs/authorization.md";
    private static final String HEADER = "| endpoint | citizen | inspector | supervisor | admin | anonymous |";
    private static final Pattern KEY = Pattern.compile("^`([A-Z]+ /[^`]*)`");

    /** What a cell promises. */
    enum Access {
        /** ✓: allowed. */
        ALLOWED,
        /** own: allowed on one's own objects; someone else's are hidden (404, REJECTED/403, absent from lists). */
        OWN,
        /** all: allowed on everybody's objects. */
        ALL,
        FORBIDDEN_403,
        UNAUTHENTICATED_401;

        static Access of(String cell, String where) {
            if (cell.startsWith("✓")) {
                return ALLOWED;
            }
            if (cell.startsWith("own")) {
                return OWN;
            }
            if (cell.startsWith("all")) {
                return ALL;
            }
            if (cell.startsWith("403")) {
                return FORBIDDEN_403;
            }
            if (cell.startsWith("401")) {
                return UNAUTHENTICATED_401;
            }
            throw new IllegalStateException("authorization table, " + where + ": unknown cell '" + cell
                    + "' (use ✓, own, all, 403 or 401, optionally followed by a note)");
        }
    }

    /**
     * One row: {@code key} is the backticked text ({@code METHOD /path[?variant]}), {@code route}
     * the key without its query ({@code METHOD /path}).
     */
    record Row(String key, String route, Map<String, Access> access) {
        @Override
        public String toString() {
            return key;
        }
    }

    private AuthorizationTable() {
    }

    static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DOCUMENT);
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("backend"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(DOCUMENT + " not found above " + Path.of("").toAbsolutePath());
    }

    static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(HEADER);
        if (start < 0) {
            throw new IllegalStateException(DOCUMENT + " has no line '" + HEADER + "'");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("(?<!\\\\)\\|", -1);
            String where = DOCUMENT + " line " + (i + 1);
            if (cells.length != 6) {
                throw new IllegalStateException(where + ": expected 6 cells, found " + cells.length + ": " + line);
            }
            Matcher m = KEY.matcher(cells[0].trim());
            if (!m.find()) {
                throw new IllegalStateException(where + ": the endpoint cell must start with `METHOD /path`: " + line);
            }
            String key = m.group(1).trim();
            int query = key.indexOf('?');
            String route = query < 0 ? key : key.substring(0, query);
            Map<String, Access> access = new LinkedHashMap<>();
            for (int c = 0; c < CALLERS.size(); c++) {
                access.put(CALLERS.get(c), Access.of(cells[c + 1].trim(), where + ", column " + CALLERS.get(c)));
            }
            rows.add(new Row(key, route, access));
        }
        return rows;
    }
}
