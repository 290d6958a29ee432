package mx.implan.brujula;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ArchitectureTest} cannot see in bytecode: SQL text. Only {@code observations/} writes the
 * observation and observation_revision tables, only {@code events/} writes the outbox and change-log
 * tables, and nobody outside {@code observations/} hands an observation to the change log's generic
 * appender. Scans {@code backend/src/main/java} and names the file and line of every offence.
 */
class ObservationWritersTest {

    private static final Path SOURCES = Path.of("src/main/java/mx/implan/brujula");

    /** SQL that writes an observation table, in any letter case and spacing. */
    static final Pattern OBSERVATION_TABLE_WRITE = Pattern.compile(
            "(?i)\\b(insert\\s+into|update|delete\\s+from|truncate(\\s+table)?|merge\\s+into|copy)\\s+(only\\s+)?"
                    + "(observation|observation_revision)\\b(?!_)");
    /** SQL that writes the event tables. */
    static final Pattern EVENT_TABLE_WRITE = Pattern.compile(
            "(?i)\\b(insert\\s+into|update|delete\\s+from|copy)\\s+(only\\s+)?(outbox|change_log)\\b(?!_)");
    /** An observation change handed to the change log's reference-data appender. */
    static final Pattern OBSERVATION_CHANGE_APPENDED = Pattern.compile(
            "append\\(\\s*(ChangeLog\\.OBSERVATION|\"observation\")");

    @Test
    void onlyObservationsWritesTheObservationTables() {
        assertThat(offences(OBSERVATION_TABLE_WRITE, "observations/"))
                .as("SQL writing observation/observation_revision outside observations/ (use ObservationStore)")
                .isEmpty();
    }

    @Test
    void onlyEventsWritesTheOutboxAndTheChangeLog() {
        // InspectorFeed (events/) reconciles the per-inspector feeds; zones/ still appends its zone rows itself.
        assertThat(offences(EVENT_TABLE_WRITE, "events/", "zones/ZoneService.java"))
                .as("SQL writing outbox/change_log outside events/ (use ChangeLog and Outbox)")
                .isEmpty();
    }

    @Test
    void onlyObservationsAppendsObservationChanges() {
        assertThat(offences(OBSERVATION_CHANGE_APPENDED, "observations/"))
                .as("observation changes appended outside observations/ (ObservationStore appends them)")
                .isEmpty();
    }

    @Test
    void theScanSeesTheWritersItAllows() {
        // So that an empty result above means "none elsewhere", not "the patterns match nothing".
        assertThat(matches(OBSERVATION_TABLE_WRITE, "observations/ObservationRows.java")).hasSize(2);
        assertThat(matches(EVENT_TABLE_WRITE, "events/Outbox.java")).hasSize(1);
        assertThat(OBSERVATION_TABLE_WRITE.matcher("UPDATE  observation SET flags = ?").find()).isTrue();
        assertThat(OBSERVATION_TABLE_WRITE.matcher("delete from observation_revision where").find()).isTrue();
        assertThat(OBSERVATION_TABLE_WRITE.matcher("SELECT 1 FROM observation o").find()).isFalse();
        assertThat(OBSERVATION_TABLE_WRITE.matcher("UPDATE observation_photo SET").find()).isFalse();
        assertThat(OBSERVATION_CHANGE_APPENDED.matcher("changeLog.append(ChangeLog.OBSERVATION, id").find()).isTrue();
    }

    /** "file:line: text" of every match outside the allowed paths (relative to the package root). */
    private static List<String> offences(Pattern pattern, String... allowed) {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            String relative = SOURCES.relativize(file).toString().replace('\\', '/');
            if (Stream.of(allowed).anyMatch(relative::startsWith)) {
                continue;
            }
            matches(pattern, relative).forEach(m -> found.add(relative + ":" + m));
        }
        return found;
    }

    /** "line: text" of every match of {@code pattern} in one file. */
    private static List<String> matches(Pattern pattern, String relative) {
        String text = read(SOURCES.resolve(relative));
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(line + ": " + m.group());
        }
        return found;
    }

    private static List<Path> javaFiles() {
        assertThat(SOURCES).as("run from the backend module").isDirectory();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
