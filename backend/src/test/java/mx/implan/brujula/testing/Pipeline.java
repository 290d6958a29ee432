package mx.implan.brujula.testing;

import java.time.Duration;

/**
 * How long tests wait for the event pipeline to show a change in a read model. Generous on purpose:
 * every @QuarkusTest shares one pipeline, and a test that loaded the Hermosillo data before leaves a
 * backlog of thousands of events ahead of the next test's; an await returns as soon as it holds.
 */
public final class Pipeline {

    public static final Duration PROJECTION_WAIT = Duration.ofMinutes(3);

    private Pipeline() {
    }
}
