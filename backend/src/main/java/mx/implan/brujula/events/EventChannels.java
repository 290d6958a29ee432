package mx.implan.brujula.events;

/**
 * The messaging channels of the event pipeline. The relay sends to the outgoing ones, the consumer
 * reads the incoming ones; configuration joins them, inside the process by default
 * ({@link InProcessConnector}) or through Kafka topics in profile {@code kafka}.
 */
public final class EventChannels {

    public static final String OBSERVATIONS_OUT = "observation-events";
    public static final String WORKS_OUT = "work-events";
    public static final String OBSERVATIONS_IN = "observation-events-in";
    public static final String WORKS_IN = "work-events-in";

    /** CloudEvents {@code source} of every event: this system, versioned with the payload. */
    public static final String SOURCE = "urn:brujula:implan";
    /** CloudEvents {@code dataschema}-like version of the payloads (docs/events.md). */
    public static final String DATA_VERSION = "1";

    private EventChannels() {
    }

    /** The outgoing channel of an aggregate type. */
    public static String outgoingFor(String aggregateType) {
        return ChangeLog.WORK.equals(aggregateType) ? WORKS_OUT : OBSERVATIONS_OUT;
    }
}
