package mx.implan.brujula.sync;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How many writes a push may still make: citizens' writes share the report rate limit whatever the route,
 * staff pushes are unlimited (an inspector's offline backlog is legitimate).
 */
@FunctionalInterface
public interface WriteBudget {

    WriteBudget UNLIMITED = OptionalLong::empty;

    /** Takes one write; empty when it may go ahead, else the seconds until the budget allows it. */
    OptionalLong take();

    /** The first write already paid for (the request was let in by it); each further one asks {@code limiter}. */
    static WriteBudget afterFirst(Supplier<OptionalLong> limiter) {
        boolean[] first = {true};
        return () -> {
            if (first[0]) {
                first[0] = false;
                return OptionalLong.empty();
            }
            return limiter.get();
        };
    }
}
