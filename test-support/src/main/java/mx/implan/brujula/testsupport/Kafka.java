package mx.implan.brujula.testsupport;

/** The Kafka broker every test of a run shares: the one {@code ./brujula test} (or {@code services start}) runs. */
public final class Kafka {

    private Kafka() {
    }

    /**
     * {@code BRUJULA_KAFKA_BOOTSTRAP}, as the project scripts export it. Tests that take a broker down start their own
     * ({@link KafkaBroker}) instead.
     */
    public static String sharedBootstrap() {
        String bootstrap = System.getenv("BRUJULA_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("BRUJULA_KAFKA_BOOTSTRAP is not set, so there is no Kafka broker to test"
                    + " against. Run the tests through `./brujula test`, which starts one, or start it and export the"
                    + " variables first: ./brujula services start && eval \"$(./brujula services env test | sed"
                    + " 's/^/export /')\"");
        }
        return bootstrap.strip();
    }
}
