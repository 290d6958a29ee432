package mx.implan.brujula.app.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import mx.implan.brujula.app.api.ApiException;
import mx.implan.brujula.app.api.AuthTokens;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.BaseUriPolicy;
import mx.implan.brujula.app.api.InMemoryTokenStore;
import mx.implan.brujula.app.api.Open311Client;
import mx.implan.brujula.app.api.SignedIn;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.api.TokenStore;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.model.ClientVersion;
import mx.implan.brujula.model.json.WireJson;

/**
 * Accounts of this device, with their sessions in {@code sessions/u<hex username>.session}, each sealed with
 * AES-GCM under the device key (see {@link SessionVault} for the threat model), and the current user's name in
 * {@code current}. Sessions survive restarts and any time offline; the server decides when they end (a refused
 * refresh), and then the account stays known with {@link #needsSignIn(String)} true, so its journal entries
 * wait for that person, never for whoever holds the tablet now.
 */
public final class FileAccounts implements Accounts, DeviceSessions {

    private static final System.Logger LOG = System.getLogger(FileAccounts.class.getName());
    private static final String SUFFIX = ".session";

    /** What one session file holds. Tokens are null after the server ended the session. */
    record StoredSession(String username, String role, String name, String accessToken, String refreshToken,
                         Instant accessExpiresAt, boolean needsSignIn) {

        Account account() {
            return new Account(username, role, name);
        }

        Optional<AuthTokens> tokens() {
            return accessToken == null || refreshToken == null ? Optional.empty()
                    : Optional.of(new AuthTokens(accessToken, refreshToken, accessExpiresAt));
        }

        StoredSession with(AuthTokens t, boolean ended) {
            return new StoredSession(username, role, name, t == null ? null : t.accessToken(),
                    t == null ? null : t.refreshToken(), t == null ? null : t.accessExpiresAt(), ended);
        }

        @Override
        public String toString() {
            return "StoredSession[" + username + ", needsSignIn=" + needsSignIn + "]";
        }
    }

    private final Path sessionsDir;
    private final Path currentFile;
    private final SessionVault vault;
    /** Read on every use: the user may pick another server at sign-in (its old sessions then get 401). */
    private final Supplier<URI> server;
    private final ClientVersion version;
    private final Locale locale;
    private final Clock clock;
    private final Timeouts timeouts;
    private final ObjectMapper json = WireJson.lenient();
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, SyncClient> clients = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Open311Client open311;
    private volatile String current;

    private FileAccounts(Path dir, SessionVault vault, Supplier<URI> server, ClientVersion version, Locale locale, Clock clock,
                         Timeouts timeouts) {
        this.sessionsDir = dir.resolve("sessions");
        this.currentFile = dir.resolve("current");
        this.vault = vault;
        this.server = server;
        this.version = version;
        this.locale = locale;
        this.clock = clock;
        this.timeouts = timeouts;
        this.open311 = new Open311Client(server(), version, locale, timeouts);
    }

    /**
     * Opens the accounts kept in {@code dir} (the app's private storage), for the server at {@code server}.
     *
     * @throws IllegalArgumentException when {@code server} is neither HTTPS nor loopback
     * @throws UncheckedIOException     when the storage cannot be read or written
     */
    public static FileAccounts open(Path dir, URI server, ClientVersion version, Locale locale, Clock clock) {
        return open(dir, server, version, locale, clock, Timeouts.DEFAULT);
    }

    public static FileAccounts open(Path dir, URI server, ClientVersion version, Locale locale, Clock clock,
                                    Timeouts timeouts) {
        URI checked = BaseUriPolicy.check(Objects.requireNonNull(server, "server"));
        return open(dir, () -> checked, version, locale, clock, timeouts);
    }

    /**
     * Opens the accounts for the server {@code server} names at each use (the address chosen on the sign-in screen).
     *
     * @throws IllegalArgumentException when the server is neither HTTPS nor loopback
     */
    public static FileAccounts open(Path dir, Supplier<URI> server, ClientVersion version, Locale locale, Clock clock,
                                    Timeouts timeouts) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(server, "server");
        try {
            Files.createDirectories(dir);
            FileAccounts accounts = new FileAccounts(dir, SessionVault.open(dir.resolve("keys")), server,
                    Objects.requireNonNull(version, "version"), Objects.requireNonNull(locale, "locale"),
                    Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(timeouts, "timeouts"));
            accounts.load();
            return accounts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the accounts in " + dir, e);
        }
    }

    private void load() throws IOException {
        Files.createDirectories(sessionsDir);
        AtomicFiles.removeTemporaries(sessionsDir);
        AtomicFiles.removeTemporaries(currentFile.getParent());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(sessionsDir, "u*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String username;
                try {
                    username = new String(HexFormat.of().parseHex(name.substring(1, name.length() - SUFFIX.length())),
                            StandardCharsets.UTF_8);
                    StoredSession s = json.readValue(vault.open(Files.readAllBytes(file), username), StoredSession.class);
                    if (s != null && username.equals(s.username())) {
                        sessions.put(username, s);
                    }
                } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
                    // Altered, from another device key, or damaged: that person signs in again; nothing else is lost.
                    LOG.log(System.Logger.Level.WARNING, "Session file " + file + " cannot be opened: " + e);
                }
            }
        }
        if (Files.exists(currentFile)) {
            String name = Files.readString(currentFile, StandardCharsets.UTF_8).strip();
            current = sessions.containsKey(name) ? name : null;
        }
    }

    @Override
    public Account signIn(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        InMemoryTokenStore fresh = new InMemoryTokenStore();
        SyncClient probe = new SyncClient(server(), version, locale, fresh, clock, timeouts);
        try {
            probe.signIn(username, password);
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new AuthenticationRequiredException("Wrong username or password", e);
            }
            throw e;
        }
        SignedIn who = probe.me();
        Account account = new Account(who.username(), who.role() == null ? null : who.role().toUpperCase(Locale.ROOT),
                who.displayName());
        AuthTokens tokens = fresh.get().orElseThrow();
        synchronized (this) {
            write(new StoredSession(account.username(), account.role(), account.name(), null, null, null, false)
                    .with(tokens, false));
            clients.remove(account.username());
            setCurrent(account.username());
        }
        changed();
        return account;
    }

    @Override
    public Optional<Account> current() {
        String name = current;
        return name == null ? Optional.empty() : Optional.ofNullable(sessions.get(name)).map(StoredSession::account);
    }

    @Override
    public List<Account> known() {
        return sessions.values().stream().map(StoredSession::account)
                .sorted(Comparator.comparing(Account::username)).toList();
    }

    @Override
    public void switchTo(String username) {
        if (!sessions.containsKey(username)) {
            throw new IllegalArgumentException("No session of " + username + " on this device");
        }
        synchronized (this) {
            setCurrent(username);
        }
        changed();
    }

    @Override
    public void signOut() {
        String name = current;
        if (name == null) {
            return;
        }
        synchronized (this) {
            try {
                AtomicFiles.delete(fileOf(name));
                sessions.remove(name);
                clients.remove(name);
                setCurrent(null);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the session of " + name, e);
            }
        }
        changed();
    }

    @Override
    public boolean needsSignIn(String username) {
        StoredSession s = sessions.get(username);
        return s == null || s.needsSignIn() || s.tokens().isEmpty();
    }

    @Override
    public Optional<SyncClient> client(String username) {
        if (needsSignIn(username)) {
            return Optional.empty();
        }
        URI now = server();
        return Optional.of(clients.compute(username, (u, existing) -> existing != null && existing.baseUri().equals(now)
                ? existing : new SyncClient(now, version, locale, new SessionTokens(u), clock, timeouts)));
    }

    @Override
    public Open311Client open311() {
        Open311Client client = open311;
        URI now = server();
        if (!client.baseUri().equals(now)) {
            client = new Open311Client(now, version, locale, timeouts);
            open311 = client;
        }
        return client;
    }

    @Override
    public void markNeedsSignIn(String username) {
        StoredSession s = sessions.get(username);
        if (s == null || s.needsSignIn()) {
            return;
        }
        synchronized (this) {
            write(s.with(null, true));
            clients.remove(username);
        }
        changed();
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    URI server() {
        return BaseUriPolicy.check(server.get());
    }

    @Override
    public Locale locale() {
        return locale;
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "An accounts listener failed", e);
            }
        }
    }

    private void setCurrent(String username) {
        try {
            if (username == null) {
                AtomicFiles.delete(currentFile);
            } else {
                AtomicFiles.write(currentFile, username.getBytes(StandardCharsets.UTF_8));
            }
            current = username;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the current account", e);
        }
    }

    private void write(StoredSession s) {
        try {
            AtomicFiles.write(fileOf(s.username()), vault.seal(json.writeValueAsBytes(s), s.username()));
            sessions.put(s.username(), s);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the session of " + s.username(), e);
        }
    }

    private Path fileOf(String username) {
        return sessionsDir.resolve("u" + HexFormat.of().formatHex(username.getBytes(StandardCharsets.UTF_8)) + SUFFIX);
    }

    /** One person's token pair, read from and written to their sealed session file. */
    private final class SessionTokens implements TokenStore {
        private final String username;

        SessionTokens(String username) {
            this.username = username;
        }

        @Override
        public Optional<AuthTokens> get() {
            StoredSession s = sessions.get(username);
            return s == null ? Optional.empty() : s.tokens();
        }

        @Override
        public void put(AuthTokens tokens) {
            synchronized (FileAccounts.this) {
                StoredSession s = sessions.get(username);
                if (s != null) {
                    write(s.with(tokens, false));
                }
            }
        }

        @Override
        public void clear() {
            // The client clears tokens when the server refused the refresh token: the session has ended.
            synchronized (FileAccounts.this) {
                StoredSession s = sessions.get(username);
                if (s != null) {
                    write(s.with(null, true));
                }
            }
            changed();
        }
    }
}
