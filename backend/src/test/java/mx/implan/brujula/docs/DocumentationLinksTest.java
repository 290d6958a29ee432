package mx.implan.brujula.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link of README.md and docs/ resolves: relative links name a file of the repository and,
 * with a {@code #fragment}, a heading of that file (GitHub's anchor rules); absolute links are
 * well-formed http(s) URLs (not fetched: the build machines have no internet).
 */
class DocumentationLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at the first blank or ')'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    private final Path root = repositoryRoot();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyLinkOfTheReadmeAndTheDocsResolves() {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            List<String> lines = read(doc);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    code = !code;
                    continue;
                }
                if (code) {
                    continue;
                }
                Matcher m = LINK.matcher(withoutInlineCode(line));
                while (m.find()) {
                    String problem = check(doc, m.group(1));
                    if (problem != null) {
                        broken.add(root.relativize(doc) + ":" + (i + 1) + " " + m.group(1) + " — " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("broken links in README.md and docs/").isEmpty();
    }

    @Test
    void theReadmeFitsAScreenfulOfReading() throws IOException {
        assertThat(Files.size(root.resolve("README.md"))).as("README.md size in bytes").isLessThanOrEqualTo(20 * 1024);
    }

    @Test
    void anchorsFollowGithubsRules() {
        assertThat(slug("Citizen reports (Open311 GeoReport v2)")).isEqualTo("citizen-reports-open311-georeport-v2");
        assertThat(slug("Throttling: login back-off and client addresses")).isEqualTo("throttling-login-back-off-and-client-addresses");
        assertThat(slug("Photos inside the report (`media` parts)")).isEqualTo("photos-inside-the-report-media-parts");
        assertThat(slug("Sync engine (`sync.BackgroundSyncEngine`)")).isEqualTo("sync-engine-syncbackgroundsyncengine");
        assertThat(slug("Información estratégica")).isEqualTo("información-estratégica");
    }

    private String check(Path doc, String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            try {
                URI uri = URI.create(target);
                return uri.getHost() == null ? "no host" : null;
            } catch (IllegalArgumentException e) {
                return "not a URL";
            }
        }
        if (target.startsWith("mailto:")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc
                : doc.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null && !fragment.isEmpty()) {
            if (!resolved.toString().endsWith(".md")) {
                return "fragment on a file that is not Markdown";
            }
            if (!anchorsOf(resolved).contains(URLDecoder.decode(fragment, StandardCharsets.UTF_8))) {
                return "no heading with anchor #" + fragment;
            }
        }
        return null;
    }

    private Set<String> anchorsOf(Path doc) {
        return anchors.computeIfAbsent(doc, d -> {
            Set<String> found = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean code = false;
            for (String line : read(d)) {
                if (FENCE.matcher(line).find()) {
                    code = !code;
                    continue;
                }
                Matcher m = HEADING.matcher(line);
                if (!code && m.matches()) {
                    String base = slug(m.group(2));
                    int n = seen.merge(base, 1, Integer::sum);
                    found.add(n == 1 ? base : base + "-" + (n - 1));
                }
            }
            return found;
        });
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (letters, digits, '-', '_' and spaces kept), spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    private static String withoutInlineCode(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    private List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static List<String> read(Path doc) {
        try {
            return Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("backend"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
