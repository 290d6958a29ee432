package mx.implan.brujula.citizen;

/**
 * An error answered in the GeoReport v2 format ({@code [{"code": 400, "description": "…"}]}, XML
 * {@code <errors><error>…}) rather than problem+json: the one documented exception, because
 * Open311 clients expect the spec's shape.
 */
public class Open311Error extends RuntimeException {

    private final int status;

    public Open311Error(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    public static Open311Error badRequest(String description) {
        return new Open311Error(400, description);
    }

    public int status() {
        return status;
    }

    public String description() {
        return getMessage();
    }
}
