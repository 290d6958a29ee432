package mx.implan.brujula.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the local PostGIS server is: environment first ({@code BRUJULA_DB_*}, as the project scripts export
 * them), then the file the scripts write when they find or start the server
 * ({@code ~/.local/state/brujula/db.env}), then the defaults (127.0.0.1:5432, user postgres, no password).
 */
public record DbSettings(String host, int port, String user, String password) {

    public static DbSettings discover() {
        Map<String, String> file = stateFile();
        return new DbSettings(
                setting("BRUJULA_DB_HOST", file, "127.0.0.1"),
                Integer.parseInt(setting("BRUJULA_DB_PORT", file, "5432")),
                setting("BRUJULA_DB_USER", file, "postgres"),
                setting("BRUJULA_DB_PASSWORD", file, ""));
    }

    private static String setting(String key, Map<String, String> file, String fallback) {
        String value = System.getenv(key);
        if (value == null || value.isBlank()) {
            value = file.get(key);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Map<String, String> stateFile() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path dir = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(xdg);
        Path file = dir.resolve("brujula").resolve("db.env");
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (l.isEmpty() || l.startsWith("#") || eq < 1) {
                    continue;
                }
                values.put(l.substring(0, eq).strip(), unquote(l.substring(eq + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return values;
    }

    /** A connection to {@code database} on this server. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /** Never print the password (a record would), e.g. in a failure message. */
    @Override
    public String toString() {
        return "DbSettings[" + user + "@" + host + ":" + port + "]";
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
