-- Reference layers: the GIS team loads tables into schema layers with its own tools (ogr2ogr,
-- QGIS DB Manager); nothing there is published until an administrator registers the table here.
-- Flyway never cleans or rewrites schema layers: its tables belong to the GIS team.
CREATE SCHEMA IF NOT EXISTS layers;

CREATE TABLE reference_layer (
    -- The OGC collection id: a slug, never one of the built-in collections' ids (checked by the API).
    id              text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(id) <= 64),
    -- A table of schema layers, as the catalogue names it.
    table_name      text NOT NULL UNIQUE,
    title           text NOT NULL,
    description     text NOT NULL DEFAULT '',
    audience        text NOT NULL CHECK (audience IN ('PUBLIC', 'STAFF')),
    -- A date or timestamp column the collection's datetime filter applies to, if the admin named one.
    time_column     text,
    -- What the catalogue said at registration (the published SQL reads the catalogue again).
    geometry_column text NOT NULL,
    geometry_type   text NOT NULL,
    srid            integer NOT NULL,
    id_column       text NOT NULL,
    id_type         text NOT NULL,
    registered_by   text NOT NULL,
    registered_at   timestamptz NOT NULL DEFAULT now(),
    updated_by      text,
    updated_at      timestamptz
);
