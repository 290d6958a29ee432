package mx.implan.brujula.zones;

/** What an upsert of many zones did. */
public record UpsertCounts(int created, int updated, int unchanged) {

    public UpsertCounts plus(UpsertCounts other) {
        return new UpsertCounts(created + other.created, updated + other.updated, unchanged + other.unchanged);
    }
}
