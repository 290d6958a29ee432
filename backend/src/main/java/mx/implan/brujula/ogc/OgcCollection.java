package mx.implan.brujula.ogc;

import java.util.List;
import java.util.Optional;

/**
 * One published layer and how its features are read from PostGIS. Every SQL fragment is fixed text
 * written here or derived from a registered table's catalogue entry (never from a request); request
 * values always travel as bound parameters.
 *
 * @param from          the FROM clause, with aliases (joins allowed)
 * @param where         the predicate that selects this collection's rows ({@code TRUE} for all)
 * @param id            the feature id column and how a path's id is compared with it
 * @param geometry      the geometry column (SRID 4326; may be NULL on a row)
 * @param time          the temporal columns, if the collection has a time
 * @param key           the keyset order of pages: unique, served by an index
 * @param properties    a {@code json} or {@code jsonb} expression of the feature's properties; {@code {base}} stands for
 *                      the service's base URL (bound as a parameter)
 */
public record OgcCollection(String id, String title, String description, Audience audience, String geometryType,
                            String from, String where, FeatureId featureId, String geometry, Optional<Time> time,
                            List<KeyColumn> key, String properties, List<Queryable> queryables) {

    /** Who may read a collection. */
    public enum Audience {
        /** Anyone, without an account: aggregates and public facts, no personal data. */
        PUBLIC,
        /** Supervisors and administrators. */
        STAFF
    }

    /** The id column; {@code uuid} ids are compared as UUIDs (a path that is not one matches nothing). */
    public record FeatureId(String column, String sqlType) {
        public String text() {
            return "CAST(" + column + " AS text)";
        }
    }

    /** An instant ({@code end} empty) or an interval of the feature; columns are timestamptz or date. */
    public record Time(String start, Optional<String> end) {
        public static Time instant(String column) {
            return new Time(column, Optional.empty());
        }

        public static Time interval(String start, String end) {
            return new Time(start, Optional.of(end));
        }
    }

    /** One column of the page order; {@code sqlType} is what a cursor's text is cast back to. */
    public record KeyColumn(String column, String sqlType) {
    }

    /**
     * A property one may filter on with {@code ?name=value}: equality on {@code column} (a SQL
     * expression), or, for {@link Type#ZONE}, the features intersecting the named zone.
     */
    public record Queryable(String name, Type type, String column, List<String> values, String description) {

        public enum Type {
            STRING("string"), INTEGER("integer"), BOOLEAN("boolean"), ZONE("string");

            private final String jsonType;

            Type(String jsonType) {
                this.jsonType = jsonType;
            }

            public String jsonType() {
                return jsonType;
            }
        }

        public static Queryable text(String name, String column, String description) {
            return new Queryable(name, Type.STRING, column, List.of(), description);
        }

        public static Queryable oneOf(String name, String column, List<String> values, String description) {
            return new Queryable(name, Type.STRING, column, List.copyOf(values), description);
        }

        public static Queryable integer(String name, String column, String description) {
            return new Queryable(name, Type.INTEGER, column, List.of(), description);
        }

        public static Queryable bool(String name, String column, String description) {
            return new Queryable(name, Type.BOOLEAN, column, List.of(), description);
        }

        public static Queryable zone(String description) {
            return new Queryable("zone", Type.ZONE, "", List.of(), description);
        }
    }

    public Optional<Queryable> queryable(String name) {
        return queryables.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public boolean isPublic() {
        return audience == Audience.PUBLIC;
    }
}
