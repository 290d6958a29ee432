package mx.implan.brujula.indicators;

/**
 * Where figures are written: the live read model, or the scratch copy a full recompute is built in
 * (to be compared with the live one, or copied over it). Table names are fixed here, never taken
 * from input, so they can be placed in SQL text.
 */
public enum Tables {
    LIVE("indicator_value", "indicator_observation"),
    SCRATCH("indicator_value_scratch", "indicator_observation_scratch");

    private final String valueTable;
    private final String contributionTable;

    Tables(String values, String contributions) {
        this.valueTable = values;
        this.contributionTable = contributions;
    }

    /** Indicator values per indicator × zone × period × dimension. */
    public String valueTable() {
        return valueTable;
    }

    /** The per-observation contributions the values are derived from. */
    public String contributionTable() {
        return contributionTable;
    }

    /** {@code sql} with {@code {values}} and {@code {contributions}} replaced by this set's tables. */
    String sql(String sql) {
        return sql.replace("{values}", valueTable).replace("{contributions}", contributionTable);
    }
}
