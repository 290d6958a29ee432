package mx.implan.brujula.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./brujula app} runs its main class from the class path, where the Java launcher refuses a main class
 * that extends JavaFX's {@code Application} ("JavaFX runtime components are missing"): each main the script
 * names must be a plain class with a {@code main}.
 */
class LauncherTest {

    @Test
    void theScriptsMainClassesStartWithJavaFxOnTheClassPath() throws Exception {
        List<String> mains = mainsNamedByTheScript();
        assertThat(mains).contains(DeviceLauncher.class.getName());
        for (String name : mains) {
            Class<?> main = Class.forName(name);
            assertThat(javafx.application.Application.class.isAssignableFrom(main)).as(name).isFalse();
            Method m = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(m.getModifiers())).as(name).isTrue();
        }
    }

    @Test
    void theNativeBuildStartsTheDeviceApp() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).contains("<main.class>" + DeviceLauncher.class.getName() + "</main.class>");
    }

    private static List<String> mainsNamedByTheScript() throws IOException {
        String script = Files.readString(Path.of("..", "brujula"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^APP(?:_PREVIEW)?_MAIN=\"([\\w.]+)\"").matcher(script);
        List<String> mains = new java.util.ArrayList<>();
        while (m.find()) {
            mains.add(m.group(1));
        }
        assertThat(mains).hasSize(2);
        return mains;
    }
}
