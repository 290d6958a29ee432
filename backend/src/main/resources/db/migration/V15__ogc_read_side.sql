-- OGC API – Features pages observations of one kind in capture order (keyset captured_at, id).
CREATE INDEX observation_kind_captured_idx ON observation (kind, captured_at, id);

-- The latest value of each indicator in each zone, in the indicator's own periodicity and for the
-- whole population (dimension TOTAL): the collection indicator-values and the map's choropleth.
CREATE VIEW indicator_value_latest AS
SELECT DISTINCT ON (v.indicator_code, v.zone_id)
       v.indicator_code, v.zone_id, v.period_type, v.period_start, v.numerator, v.denominator, v.value, v.origin,
       v.updated_at, i.name_es, i.name_en, i.unit_es, i.unit_en, i.target, i.polarity
FROM indicator_value v
JOIN indicator i ON i.code = v.indicator_code AND i.periodicity = v.period_type
WHERE v.dimension = 'TOTAL'
ORDER BY v.indicator_code, v.zone_id, v.period_start DESC;
