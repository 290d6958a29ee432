package mx.implan.brujula.ogc;

import mx.implan.brujula.model.observation.AreaCondition;
import mx.implan.brujula.model.observation.AreaType;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.StatusLifecycle;
import mx.implan.brujula.model.observation.UrbanIssue;
import mx.implan.brujula.model.observation.WorkStage;
import mx.implan.brujula.ogc.OgcCollection.Audience;
import mx.implan.brujula.ogc.OgcCollection.FeatureId;
import mx.implan.brujula.ogc.OgcCollection.KeyColumn;
import mx.implan.brujula.ogc.OgcCollection.Queryable;
import mx.implan.brujula.ogc.OgcCollection.Time;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The collections Brújula publishes from its own tables. Public ones carry facts about places and
 * their state — never notes, authors, devices, contact data, GPS accuracy or photos a supervisor has
 * not approved (docs/ogc.md, "Who sees what"); the staff collection {@code observations} has
 * everything but reporters' contact data.
 */
final class BuiltInCollections {

    /** Observations with the zone their projector placed them in (indicator_observation, the smallest zone holding them). */
    private static final String OBSERVATIONS = "observation o LEFT JOIN indicator_observation io ON io.observation_id = o.id";
    private static final FeatureId OBSERVATION_ID = new FeatureId("o.id", "uuid");
    private static final List<KeyColumn> BY_CAPTURE = List.of(new KeyColumn("o.captured_at", "timestamptz"), new KeyColumn("o.id", "uuid"));
    /** Only the public variant of approved photos; the URL answers anyone. */
    private static final String PUBLIC_PHOTOS = """
            COALESCE((SELECT jsonb_agg({base} || 'api/v1/attachments/' || (p.value->>'sha256') || '?variant=public' ORDER BY p.ordinality)
                      FROM jsonb_array_elements(o.photos) WITH ORDINALITY p
                      JOIN photo_moderation m ON m.sha256 = p.value->>'sha256' AND m.decision = 'APPROVED'), '[]'::jsonb)""";
    private static final String COMMON = "'kind', o.kind, 'status', o.status, 'zone', io.zone_id, 'capturedAt', o.captured_at, "
            + "'updatedAt', o.updated_at, 'photos', " + PUBLIC_PHOTOS;

    private BuiltInCollections() {
    }

    static List<OgcCollection> all() {
        return List.of(risks(), urbanImage(), greenAreas(), worksProgress(), works(), zones(), indicatorValues(), observations());
    }

    private static OgcCollection risks() {
        return observationsOf(ObservationKind.RISK, "risks", "Riesgos",
                "Riesgos del Atlas de Riesgo reportados por inspectores y ciudadanos: peligro, severidad (1–5) y estado de atención.",
                "'hazard', o.attributes->>'hazard', 'severity', o.attributes->'severity', 'peopleExposed', o.attributes->'peopleExposed'",
                Queryable.oneOf("hazard", "o.attributes->>'hazard'", names(Hazard.values()), "Peligro (catálogo del Atlas de Riesgo)"),
                Queryable.integer("severity", "o.attributes->>'severity'", "Severidad, de 1 (baja) a 5 (muy alta)"));
    }

    private static OgcCollection urbanImage() {
        return observationsOf(ObservationKind.URBAN_IMAGE, "urban-image", "Imagen urbana",
                "Reportes de imagen urbana (grafiti, alumbrado, banquetas, baches, basura…): tipo, severidad y estado.",
                "'issue', o.attributes->>'issue', 'severity', o.attributes->'severity'",
                Queryable.oneOf("issue", "o.attributes->>'issue'", names(UrbanIssue.values()), "Tipo de problema"),
                Queryable.integer("severity", "o.attributes->>'severity'", "Severidad, de 1 (baja) a 5 (muy alta)"));
    }

    private static OgcCollection greenAreas() {
        return observationsOf(ObservationKind.GREEN_AREA, "green-areas", "Áreas verdes",
                "Parques, jardines, camellones y áreas naturales levantados en campo: tipo, condición, árboles, riego y superficie (m²).",
                "'areaType', o.attributes->>'areaType', 'condition', o.attributes->>'condition', 'trees', o.attributes->'trees', "
                        + "'irrigation', o.attributes->'irrigation', 'areaM2', round(CAST(o.area_m2 AS numeric), 1)",
                Queryable.oneOf("areaType", "o.attributes->>'areaType'", names(AreaType.values()), "Tipo de área verde"),
                Queryable.oneOf("condition", "o.attributes->>'condition'", names(AreaCondition.values()), "Condición"));
    }

    private static OgcCollection worksProgress() {
        return observationsOf(ObservationKind.WORKS_PROGRESS, "works-progress", "Avance de obra pública",
                "Visitas de supervisión a obras públicas: avance físico reportado (%), etapa y obra visitada.",
                "'work', o.attributes->>'publicWorkId', 'workCode', (SELECT w.code FROM public_work w WHERE CAST(w.id AS text) = o.attributes->>'publicWorkId'), "
                        + "'progressPercent', o.attributes->'progressPercent', 'stage', o.attributes->>'stage', 'workersOnSite', o.attributes->'workersOnSite'",
                Queryable.text("work", "o.attributes->>'publicWorkId'", "Id de la obra pública"),
                Queryable.oneOf("stage", "o.attributes->>'stage'", names(WorkStage.values()), "Etapa de la obra"));
    }

    private static OgcCollection observationsOf(ObservationKind kind, String id, String title, String description,
                                                String properties, Queryable... own) {
        List<Queryable> queryables = new ArrayList<>();
        queryables.add(Queryable.oneOf("status", "o.status", names(StatusLifecycle.statusesOf(kind).stream()
                .sorted().toArray(ObservationStatus[]::new)), "Estado"));
        queryables.addAll(Arrays.asList(own));
        queryables.add(Queryable.zone("Zona (AGEB, localidad o municipio) que contiene la observación"));
        return new OgcCollection(id, title, description, Audience.PUBLIC, "Geometry", OBSERVATIONS,
                "o.kind = '" + kind.name() + "'", OBSERVATION_ID, "o.geom", Optional.of(Time.instant("o.captured_at")),
                BY_CAPTURE, "json_build_object(" + properties + ", " + COMMON + ")", List.copyOf(queryables));
    }

    private static OgcCollection works() {
        return new OgcCollection("works", "Obras públicas",
                "Catálogo de obra pública: programa, fondo, monto, contratista, fechas programadas, último avance reportado y si va retrasada.",
                Audience.PUBLIC, "Geometry",
                "public_work w LEFT JOIN work_delay d ON d.work_id = w.id", "TRUE", new FeatureId("w.id", "uuid"), "w.geom",
                Optional.of(Time.interval("w.planned_start", "w.planned_end")),
                List.of(new KeyColumn("w.code", "text")),
                """
                json_build_object('code', w.code, 'name', w.name, 'programme', w.programme, 'fund', w.fund,
                    'budgetMxn', w.budget_mxn, 'contractor', w.contractor, 'plannedStart', w.planned_start,
                    'plannedEnd', w.planned_end, 'zone', w.zone_id, 'delayed', d.delayed, 'delayPoints', d.delay_points,
                    'lastProgressPercent', (SELECT r.percent FROM work_progress_report r WHERE r.work_id = w.id
                                            ORDER BY r.captured_at DESC, r.observation_id DESC LIMIT 1))""",
                List.of(Queryable.text("programme", "w.programme", "Programa de financiamiento"),
                        Queryable.text("fund", "w.fund", "Fondo"),
                        Queryable.bool("delayed", "d.delayed", "La obra va retrasada respecto de lo programado"),
                        Queryable.zone("Zona (AGEB, localidad o municipio) que contiene la obra")));
    }

    private static OgcCollection zones() {
        return new OgcCollection("zones", "Zonas: AGEB, localidades y municipio",
                "Marco geoestadístico INEGI 2020 de Hermosillo con la población del Censo 2020 y la marginación CONAPO 2020 por AGEB.",
                Audience.PUBLIC, "MultiPolygon", "zone z", "TRUE", new FeatureId("z.id", "text"), "z.geom", Optional.empty(),
                List.of(new KeyColumn("z.id", "text")),
                """
                json_build_object('type', z.zone_type, 'name', z.name, 'parent', z.parent_id, 'population', z.population,
                    'areaKm2', round(CAST(z.area_km2 AS numeric), 4), 'marginalisationIndex', z.properties->'IM_2020',
                    'marginalisationGrade', z.properties->>'GM_2020')""",
                List.of(Queryable.oneOf("type", "z.zone_type", List.of("AGEB", "LOCALITY", "MUNICIPALITY"), "Nivel de la zona"),
                        Queryable.text("parent", "z.parent_id", "Zona que la contiene"),
                        Queryable.oneOf("marginalisationGrade", "z.properties->>'GM_2020'",
                                List.of("Muy bajo", "Bajo", "Medio", "Alto", "Muy alto"), "Grado de marginación CONAPO 2020")));
    }

    private static OgcCollection indicatorValues() {
        return new OgcCollection("indicator-values", "Indicadores por zona (último valor)",
                "Sistema Municipal de Indicadores: el último valor de cada indicador en cada zona, en su periodicidad, con numerador, "
                        + "denominador, meta 2040 y polaridad. Un elemento por indicador y zona.",
                Audience.PUBLIC, "MultiPolygon",
                "indicator_value_latest v JOIN zone z ON z.id = v.zone_id", "TRUE",
                new FeatureId("v.indicator_code || '@' || v.zone_id", "text"), "z.geom",
                Optional.of(Time.instant("v.period_start")),
                List.of(new KeyColumn("v.indicator_code", "text"), new KeyColumn("v.zone_id", "text")),
                """
                json_build_object('indicator', v.indicator_code, 'name', v.name_es, 'unit', v.unit_es, 'zone', v.zone_id,
                    'zoneName', z.name, 'level', z.zone_type, 'periodType', v.period_type, 'periodStart', v.period_start,
                    'value', v.value, 'numerator', v.numerator, 'denominator', v.denominator, 'target', v.target,
                    'polarity', v.polarity)""",
                List.of(Queryable.text("indicator", "v.indicator_code", "Clave del indicador (GET /api/v1/indicators)"),
                        Queryable.oneOf("level", "z.zone_type", List.of("AGEB", "LOCALITY", "MUNICIPALITY"), "Nivel de la zona"),
                        Queryable.zone("Zona (AGEB, localidad o municipio) que contiene la zona del valor")));
    }

    /** Staff only: every observation of every kind with all that is stored on it (no reporter contact data). */
    private static OgcCollection observations() {
        return new OgcCollection("observations", "Observaciones (personal)",
                "Todas las observaciones con sus atributos, notas, autor, precisión GPS, banderas y fotos. Solo supervisores y administradores.",
                Audience.STAFF, "Geometry", OBSERVATIONS, "TRUE", OBSERVATION_ID, "o.geom",
                Optional.of(Time.instant("o.captured_at")), BY_CAPTURE,
                """
                json_build_object('kind', o.kind, 'status', o.status, 'attributes', o.attributes, 'notes', o.notes,
                    'author', o.author, 'deviceId', o.device_id, 'accuracyM', o.accuracy_m, 'flags', o.flags,
                    'rev', o.rev, 'zone', io.zone_id, 'capturedAt', o.captured_at, 'receivedAt', o.received_at,
                    'updatedAt', o.updated_at,
                    'photos', COALESCE((SELECT jsonb_agg({base} || 'api/v1/attachments/' || (p.value->>'sha256') ORDER BY p.ordinality)
                                        FROM jsonb_array_elements(o.photos) WITH ORDINALITY p), '[]'::jsonb))""",
                List.of(Queryable.oneOf("kind", "o.kind", names(ObservationKind.values()), "Tipo de observación"),
                        Queryable.oneOf("status", "o.status", names(ObservationStatus.values()), "Estado"),
                        Queryable.text("author", "o.author", "Usuario que la capturó"),
                        Queryable.zone("Zona (AGEB, localidad o municipio) que contiene la observación")));
    }

    private static List<String> names(Enum<?>[] values) {
        return Stream.of(values).map(Enum::name).toList();
    }
}
