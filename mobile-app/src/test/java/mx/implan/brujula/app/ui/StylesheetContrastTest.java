package mx.implan.brujula.app.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import mx.implan.brujula.app.ui.shell.AppShell;

/**
 * Text must stay readable in sunlight: every text/background pair the stylesheet declares — rules that set both
 * a text fill and a background, and the "contrast:" lines for text on an ancestor's background — reaches WCAG AA
 * (4.5:1).
 */
class StylesheetContrastTest {

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static final Pattern DECL = Pattern.compile("([-\\w]+)\\s*:\\s*([^;]+);");
    private static final Pattern PAIR = Pattern.compile("contrast:\\s*(\\S+)\\s+on\\s+(\\S+)");

    @Test
    void everyDeclaredPairMeetsWcagAa() throws IOException {
        String css = read();
        Map<String, String> colours = rootColours(css);
        List<String[]> pairs = new ArrayList<>();
        Matcher declared = PAIR.matcher(css);
        while (declared.find()) {
            pairs.add(new String[]{"contrast: line", declared.group(1), declared.group(2)});
        }
        Matcher rules = RULE.matcher(stripComments(css));
        while (rules.find()) {
            Map<String, String> decls = declarations(rules.group(2));
            if (decls.containsKey("-fx-text-fill") && decls.containsKey("-fx-background-color")) {
                pairs.add(new String[]{rules.group(1).trim(), decls.get("-fx-text-fill"),
                        decls.get("-fx-background-color")});
            }
        }
        assertThat(pairs).hasSizeGreaterThan(15);
        for (String[] pair : pairs) {
            String text = resolve(pair[1], colours);
            String background = resolve(pair[2], colours);
            double ratio = ratio(text, background);
            assertThat(ratio).as("%s: %s (%s) on %s (%s)", pair[0], pair[1], text, pair[2], background)
                    .isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void ratioMatchesKnownValues() {
        assertThat(ratio("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ratio("#777777", "#ffffff")).isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sizesAreRelativeToTheRootFont() throws IOException {
        Matcher px = Pattern.compile("-fx-(font-size|min-height|padding)\\s*:[^;]*\\dpx").matcher(stripComments(read()));
        assertThat(px.find()).as("font sizes, heights and padding in em, not px").isFalse();
    }

    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double r = channel((rgb >> 16) & 0xff);
        double g = channel((rgb >> 8) & 0xff);
        double bl = channel(rgb & 0xff);
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    }

    private static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static String resolve(String value, Map<String, String> colours) {
        String v = value.trim();
        for (int i = 0; i < 5 && colours.containsKey(v); i++) {
            v = colours.get(v).trim();
        }
        assertThat(v).as("colour %s must resolve to #rrggbb", value).matches("#[0-9a-fA-F]{6}");
        return v;
    }

    private static Map<String, String> rootColours(String css) {
        Matcher rules = RULE.matcher(stripComments(css));
        while (rules.find()) {
            if (rules.group(1).trim().equals(".root")) {
                Map<String, String> colours = new LinkedHashMap<>();
                declarations(rules.group(2)).forEach((k, v) -> {
                    if (k.startsWith("-c-")) {
                        colours.put(k, v);
                    }
                });
                return colours;
            }
        }
        throw new AssertionError(".root not found");
    }

    private static Map<String, String> declarations(String body) {
        Map<String, String> decls = new LinkedHashMap<>();
        Matcher m = DECL.matcher(body);
        while (m.find()) {
            decls.put(m.group(1), m.group(2).trim());
        }
        return decls;
    }

    private static String stripComments(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static String read() throws IOException {
        try (InputStream in = StylesheetContrastTest.class.getResourceAsStream(AppShell.STYLESHEET)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
