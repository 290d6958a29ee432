package mx.implan.brujula.authz;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * Every HTTP route the application declares ({@code METHOD /path}), found by scanning the JAX-RS
 * annotations of the main classes (test-only resources are not part of the product). Path
 * parameters keep their names and lose their regular expressions: {@code {path: .+}} → {@code {path}}.
 */
final class ApplicationRoutes {

    private static final String PACKAGE = "mx/implan/brujula";

    private ApplicationRoutes() {
    }

    static SortedSet<String> all() {
        SortedSet<String> routes = new TreeSet<>();
        java.nio.file.Path root;
        try {
            root = java.nio.file.Path.of(mx.implan.brujula.auth.Roles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve(PACKAGE))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ApplicationRoutes.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null || type.isInterface()) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(verb + " " + join(base.value(), sub == null ? "" : sub.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }

    private static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    static String join(String base, String sub) {
        String path = "/" + strip(base) + (strip(sub).isEmpty() ? "" : "/" + strip(sub));
        return path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
    }

    private static String strip(String s) {
        String t = s.trim();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
