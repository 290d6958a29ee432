package mx.implan.brujula.http;

/** One invalid field of a request: where ({@code items[3].geometry.coordinates[1]}), a stable code, a localized message. */
public record FieldError(String field, String code, String message) {
}
