package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import mx.implan.brujula.model.sync.FieldError;

/**
 * The server answered with an error status. Callers branch on {@link #status()} and the stable
 * {@link #code()}, never on the localized {@link #detail()}.
 */
public class ApiException extends SyncClientException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(describe(problem), null);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public String code() {
        return problem.code();
    }

    public String detail() {
        return problem.detail();
    }

    public List<FieldError> errors() {
        return problem.errors();
    }

    /** An extension member of the problem body, e.g. {@code maxBytes}. */
    public Optional<JsonNode> member(String name) {
        return problem.member(name);
    }

    private static String describe(Problem p) {
        StringBuilder text = new StringBuilder("HTTP ").append(p.status()).append(' ').append(p.code());
        if (p.detail() != null && !p.detail().isBlank()) {
            text.append(": ").append(p.detail());
        }
        if (!p.errors().isEmpty()) {
            text.append(p.errors().stream()
                    .map(e -> e.field() + " " + e.code())
                    .collect(Collectors.joining(", ", " [", "]")));
        }
        return text.toString();
    }
}
