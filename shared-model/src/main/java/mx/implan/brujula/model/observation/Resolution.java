package mx.implan.brujula.model.observation;

/** How a device closes a sync conflict on its own edit. */
public enum Resolution {
    /** Drop my edit and accept the server's revision. */
    TAKE_SERVER
}
