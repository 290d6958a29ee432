-- Reference data: zones, area of interest and the public works catalogue (tables are in V1).
-- Indexes for the list filters and the keyset pagination, and constraints that keep the catalogue
-- sane even when a row is written by something other than the importer.

-- GET /api/v1/zones?type=&parent= pages by id inside a type or a parent.
CREATE INDEX zone_type_id_idx ON zone (zone_type, id);
CREATE INDEX zone_parent_idx ON zone (parent_id, id) WHERE parent_id IS NOT NULL;

-- GET /api/v1/works?programme= pages by code; sync delivers the works of a zone.
CREATE INDEX public_work_programme_idx ON public_work (lower(programme), code);
CREATE INDEX public_work_zone_idx ON public_work (zone_id) WHERE zone_id IS NOT NULL;

ALTER TABLE public_work
    ADD CONSTRAINT public_work_budget_nonnegative CHECK (budget_mxn IS NULL OR budget_mxn >= 0),
    ADD CONSTRAINT public_work_planned_order CHECK (planned_start IS NULL OR planned_end IS NULL OR planned_end >= planned_start),
    ADD CONSTRAINT public_work_geom_kind CHECK (geom IS NULL OR GeometryType(geom) IN ('POINT', 'LINESTRING', 'POLYGON'));
