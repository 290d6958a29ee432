package mx.implan.brujula.app.sync;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the real backend ({@code backend/target/quarkus-app/quarkus-run.jar}) for integration tests, on a
 * fresh database, once per test JVM: every IT class using this extension shares the same process, which is
 * stopped when the whole run ends. Test methods and lifecycle methods get it as a {@link BackendProcess}
 * parameter.
 *
 * <p>A failed start is remembered, so the second IT class fails at once with the same cause instead of
 * waiting another 90 seconds.
 */
public final class RunningBackend implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningBackend.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        backend(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BackendProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return backend(context);
    }

    private static BackendProcess backend(ExtensionContext context) {
        // The root store lives for the whole run and closes its AutoCloseable values at the end.
        Startup startup = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Startup.class, key -> Startup.attempt(), Startup.class);
        return startup.backend();
    }

    /** The outcome of the one start attempt of this JVM. */
    private static final class Startup implements AutoCloseable {
        private final BackendProcess backend;
        private final RuntimeException failure;

        private Startup(BackendProcess backend, RuntimeException failure) {
            this.backend = backend;
            this.failure = failure;
        }

        static Startup attempt() {
            try {
                return new Startup(BackendProcess.start(), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        BackendProcess backend() {
            if (failure != null) {
                throw failure;
            }
            return backend;
        }

        @Override
        public void close() {
            if (backend != null) {
                backend.close();
            }
        }
    }
}
