package mx.implan.brujula.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Strict parsing of query parameters: anything malformed is a 400 naming the parameter, never a 500. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intInRange(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw ApiProblem.invalidParameter(name, "OUT_OF_RANGE", name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidParameter(name, "NOT_AN_INTEGER", name + " must be an integer");
        }
    }

    public static OffsetDateTime instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidParameter(name, "INVALID_DATETIME", name + " must be an ISO-8601 date-time with offset");
        }
    }

    /** {@code minLon,minLat,maxLon,maxLat} in WGS84. */
    public static double[] bbox(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split(",");
        if (parts.length != 4) {
            throw ApiProblem.invalidParameter(name, "BBOX_FORMAT", "bbox must be minLon,minLat,maxLon,maxLat");
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                box[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidParameter(name, "BBOX_FORMAT", "bbox values must be numbers");
            }
            if (!Double.isFinite(box[i])) {
                throw ApiProblem.invalidParameter(name, "BBOX_FORMAT", "bbox values must be finite numbers");
            }
        }
        if (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90) {
            throw ApiProblem.invalidParameter(name, "BBOX_RANGE", "bbox must lie within longitude -180..180 and latitude -90..90");
        }
        if (box[0] > box[2] || box[1] > box[3]) {
            throw ApiProblem.invalidParameter(name, "BBOX_INVERTED", "bbox minimums must not exceed maximums");
        }
        return box;
    }
}
