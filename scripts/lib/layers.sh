# shellcheck shell=bash
# Reference layers for the demo: loaded into schema `layers` the way the GIS team loads theirs
# (ogr2ogr), before the backend starts; the backend's demo loader then registers them
# (docs/ogc-layers.md). Sourced by ./brujula after common.sh and the services.

DEMO_LAYERS_DIR="$BRUJULA_ROOT/scripts/demo-layers"

# load_demo_layers: INEGI's municipalities into layers.municipios, once. A table already there with
# its geometry and rows is left as it is (the demo is idempotent, and an admin may have changed its
# registration); an empty or broken one is loaded again.
load_demo_layers() {
  local file="$DEMO_LAYERS_DIR/municipios_mx_simplificado.geojson" rows pg
  [[ -r "$file" ]] || die "missing $file (the demo's municipalities layer)."
  ensure_gdal
  pg_psql "$BRUJULA_DB_PORT" "$BRUJULA_DB_NAME" -c "CREATE SCHEMA IF NOT EXISTS layers" \
    || die "cannot create schema layers in database $BRUJULA_DB_NAME."
  rows=0
  # Counted only with its geometry column: a table whose geometry went with the PostGIS extension is loaded again.
  if [[ "$(pg_psql "$BRUJULA_DB_PORT" "$BRUJULA_DB_NAME" -At -c "select count(*) from geometry_columns
      where f_table_schema = 'layers' and f_table_name = 'municipios'")" == 1 ]]; then
    rows="$(pg_psql "$BRUJULA_DB_PORT" "$BRUJULA_DB_NAME" -At -c "select count(*) from layers.municipios")" \
      || die "cannot read layers.municipios in database $BRUJULA_DB_NAME."
  fi
  if ((rows > 0)); then
    return 0
  fi
  info "loading the demo layer layers.municipios with ogr2ogr ($file)"
  # A broken table is not one ogr2ogr -overwrite recognises as its layer: drop it first.
  pg_psql "$BRUJULA_DB_PORT" "$BRUJULA_DB_NAME" -c "DROP TABLE IF EXISTS layers.municipios" \
    || die "cannot drop the incomplete layers.municipios in database $BRUJULA_DB_NAME."
  pg="PG:host=$BRUJULA_DB_HOST port=$BRUJULA_DB_PORT user=$BRUJULA_DB_USER dbname=$BRUJULA_DB_NAME"
  # As the GIS team would: one MultiPolygon column `geom` in WGS 84 with a GiST index, the
  # default serial key ogc_fid, lower-case column names; the rows in one transaction (a failed load is loaded again next time).
  PGPASSWORD="${BRUJULA_DB_PASSWORD:-}" ogr2ogr -f PostgreSQL "$pg" "$file" \
    -nln municipios -lco SCHEMA=layers -lco GEOMETRY_NAME=geom -nlt MULTIPOLYGON -t_srs EPSG:4326 -gt unlimited \
    </dev/null || die "ogr2ogr could not load $file into layers.municipios."
}
