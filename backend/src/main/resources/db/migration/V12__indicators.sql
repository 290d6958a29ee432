-- Sistema Municipal de Indicadores (SMI): categories, the indicator catalogue, values per
-- indicator × zone × period (× breakdown), and the indicator projector's per-observation state.
-- docs/indicators.md documents every indicator seeded here (IndicatorDocumentationTest keeps both equal).

CREATE TABLE indicator_category (
    code       text PRIMARY KEY,
    name_es    text    NOT NULL,
    name_en    text    NOT NULL,
    sort_order integer NOT NULL
);

CREATE TABLE indicator (
    code         text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    category     text    NOT NULL REFERENCES indicator_category (code),
    name_es      text    NOT NULL,
    name_en      text    NOT NULL,
    unit_es      text    NOT NULL,
    unit_en      text    NOT NULL,
    formula_es   text    NOT NULL,
    formula_en   text    NOT NULL,
    source       text    NOT NULL,
    periodicity  text    NOT NULL CHECK (periodicity IN ('MONTH', 'QUARTER', 'YEAR')),
    -- NULL: a context figure (population, density) that is neither better high nor low
    polarity     text CHECK (polarity IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
    target       numeric,
    target_note  text,
    -- value = numerator / denominator × scale (100 for shares in %, 10,000 for "per 10,000 inhabitants")
    scale        numeric NOT NULL DEFAULT 1,
    -- COMPUTED by Brújula (projector, recompute, refresh) or IMPORTED from files
    method       text    NOT NULL CHECK (method IN ('COMPUTED', 'IMPORTED')),
    levels       text[]  NOT NULL DEFAULT '{AGEB,LOCALITY,MUNICIPALITY}',
    -- breakdowns besides TOTAL: a value's dimension is TOTAL or "<dimension>:<member>", e.g. hazard:INUNDACION
    dimensions   text[]  NOT NULL DEFAULT '{}',
    -- coded values (the marginalisation grade) and their names
    value_labels jsonb,
    sort_order   integer NOT NULL,
    CONSTRAINT indicator_target_needs_polarity CHECK (target IS NULL OR polarity IS NOT NULL)
);
CREATE INDEX indicator_category_idx ON indicator (category, sort_order);

CREATE TABLE indicator_value (
    indicator_code text        NOT NULL REFERENCES indicator (code),
    period_type    text        NOT NULL CHECK (period_type IN ('MONTH', 'QUARTER', 'YEAR')),
    period_start   date        NOT NULL,
    zone_id        text        NOT NULL,
    dimension      text        NOT NULL DEFAULT 'TOTAL',
    numerator      numeric,
    denominator    numeric,
    value          numeric,
    origin         text        NOT NULL CHECK (origin IN ('COMPUTED', 'IMPORTED')),
    source         text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_code, period_start, period_type, zone_id, dimension)
);
CREATE INDEX indicator_value_zone_idx ON indicator_value (zone_id, indicator_code);

-- What each observation adds to the indicators, as of the revision last applied: an edit or a
-- status change replaces it (moving counts between zones and periods), an older or repeated event
-- changes nothing.
CREATE TABLE indicator_observation (
    observation_id uuid PRIMARY KEY,
    rev            bigint      NOT NULL,
    kind           text        NOT NULL,
    status         text        NOT NULL,
    -- the smallest zone holding the observation's point (AGEB, else locality, else municipality)
    zone_id        text,
    captured_at    timestamptz NOT NULL,
    -- capture date in the municipality's time zone (brujula.timezone): what periods are made of
    captured_on    date        NOT NULL,
    -- hazard (RISK), issue (URBAN_IMAGE) or area type (GREEN_AREA)
    category       text,
    severity       integer,
    area_m2        numeric(14, 2),
    condition      text,
    work_id        uuid,
    progress       numeric(6, 2),
    -- URBAN_IMAGE resolved in Brújula: days from capture to the revision that resolved it
    resolve_days   numeric(12, 4)
);
CREATE INDEX indicator_observation_kind_idx ON indicator_observation (kind, zone_id, captured_on);

-- Scratch copies: a full recompute is built here and compared with, or copied over, the live tables.
CREATE UNLOGGED TABLE indicator_value_scratch (LIKE indicator_value INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE UNLOGGED TABLE indicator_observation_scratch (LIKE indicator_observation INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

-- Every zone with itself and each of its ancestors (AGEB → locality → municipality): higher levels
-- add up the counts of everything below them.
CREATE VIEW zone_ancestor AS
WITH RECURSIVE up (zone_id, ancestor_id, depth) AS (
    SELECT id, id, 0 FROM zone
    UNION ALL
    SELECT up.zone_id, z.parent_id, up.depth + 1
    FROM up JOIN zone z ON z.id = up.ancestor_id
    WHERE z.parent_id IS NOT NULL AND up.depth < 8
)
SELECT up.zone_id, up.ancestor_id FROM up JOIN zone a ON a.id = up.ancestor_id;

INSERT INTO indicator_category (code, name_es, name_en, sort_order) VALUES
    ('TERRITORIAL_PLANNING', 'Ordenamiento territorial', 'Land-use planning', 1),
    ('MOBILITY', 'Movilidad', 'Mobility', 2),
    ('SAFETY', 'Seguridad', 'Public safety', 3),
    ('EQUITY', 'Equidad', 'Equity', 4),
    ('HEALTH', 'Salud', 'Health', 5),
    ('EDUCATION', 'Educación', 'Education', 6),
    ('HUMAN_DEVELOPMENT', 'Desarrollo humano', 'Human development', 7),
    ('EMPLOYMENT', 'Empleo', 'Employment', 8),
    ('LABOUR_PRODUCTIVITY', 'Productividad laboral', 'Labour productivity', 9),
    ('SECTOR_PERFORMANCE', 'Rendimientos sectoriales', 'Sector performance', 10),
    ('HOUSING', 'Vivienda', 'Housing', 11),
    ('CULTURE', 'Cultura', 'Culture', 12),
    ('ENVIRONMENT', 'Medio ambiente', 'Environment', 13),
    ('URBAN_IMAGE', 'Imagen urbana', 'Urban image', 14),
    ('RISK_ATLAS', 'Atlas de riesgo', 'Risk atlas', 15),
    ('PUBLIC_WORKS', 'Obra pública', 'Public works', 16);

-- Targets are proposals for the Plan Estratégico Municipal Visión 2040, which the IMPLAN's
-- Consejo Ciudadano has still to approve; target_note says so on each.
INSERT INTO indicator (code, category, name_es, name_en, unit_es, unit_en, formula_es, formula_en, source, periodicity,
                       polarity, target, target_note, scale, method, levels, dimensions, value_labels, sort_order) VALUES
('POPULATION', 'TERRITORIAL_PLANNING', 'Población total', 'Total population', 'habitantes', 'inhabitants',
 'Población total censada en la zona.', 'Total enumerated population of the zone.',
 'INEGI, Censo de Población y Vivienda 2020', 'YEAR', NULL, NULL, NULL, 1, 'COMPUTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 10),
('POPULATION_DENSITY', 'TERRITORIAL_PLANNING', 'Densidad de población', 'Population density', 'habitantes por km²', 'inhabitants per km²',
 'Población total ÷ superficie de la zona en km².', 'Total population ÷ area of the zone in km².',
 'INEGI, Censo de Población y Vivienda 2020 y Marco Geoestadístico', 'YEAR', NULL, NULL, NULL, 1, 'COMPUTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 20),
('CYCLE_LANE_KM_PER_100K', 'MOBILITY', 'Kilómetros de ciclovía por cada 100,000 habitantes', 'Cycle lane kilometres per 100,000 inhabitants',
 'km por 100,000 habitantes', 'km per 100,000 inhabitants',
 'Kilómetros de ciclovía confinada ÷ población total × 100,000.', 'Kilometres of protected cycle lane ÷ total population × 100,000.',
 'IMPLAN Hermosillo, inventario de infraestructura ciclista (importado)', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 100000, 'IMPORTED',
 '{LOCALITY,MUNICIPALITY}', '{}', NULL, 30),
('CRIME_INCIDENCE_PER_100K', 'SAFETY', 'Incidencia delictiva por cada 100,000 habitantes', 'Crime incidence per 100,000 inhabitants',
 'delitos por 100,000 habitantes', 'crimes per 100,000 inhabitants',
 'Delitos del fuero común registrados en el año ÷ población total × 100,000.', 'Ordinary crimes recorded in the year ÷ total population × 100,000.',
 'SESNSP, incidencia delictiva del fuero común municipal (importado)', 'YEAR', 'LOWER_IS_BETTER', NULL, NULL, 100000, 'IMPORTED',
 '{MUNICIPALITY}', '{}', NULL, 40),
('HIGH_MARGINALISATION_POPULATION_SHARE', 'EQUITY', 'Población en AGEB de marginación alta o muy alta', 'Population in AGEBs of high or very high marginalisation',
 '% de la población', '% of the population',
 'Población de las AGEB con grado de marginación Alto o Muy alto ÷ población de las AGEB con grado de marginación × 100.',
 'Population of the AGEBs graded High or Very high ÷ population of the graded AGEBs × 100.',
 'CONAPO, Índice de marginación urbana 2020; INEGI, Censo de Población y Vivienda 2020', 'YEAR', 'LOWER_IS_BETTER', NULL, NULL, 100, 'COMPUTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 50),
('PUBLIC_WORKS_INVESTMENT_PER_INHABITANT', 'EQUITY', 'Inversión en obra pública por habitante', 'Public works investment per inhabitant',
 'pesos por habitante', 'pesos per inhabitant',
 'Suma del presupuesto (budget_mxn) de las obras del catálogo que inician en el año ÷ población; por grado de marginación de la AGEB de la obra (÷ población de las AGEB de ese grado) y por programa de financiamiento.',
 'Sum of the budget (budget_mxn) of the catalogue''s works planned to start in the year ÷ population; by marginalisation grade of the work''s AGEB (÷ population of the AGEBs of that grade) and by funding programme.',
 'Catálogo de obra pública de Brújula; INEGI, Censo 2020; CONAPO, Índice de marginación urbana 2020', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 1, 'COMPUTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{grade,programme}', NULL, 60),
('HEALTH_NO_AFFILIATION_SHARE', 'HEALTH', 'Población sin afiliación a servicios de salud', 'Population without health-service affiliation',
 '% de la población', '% of the population',
 'Población sin afiliación a servicios de salud ÷ población total × 100.', 'Population without health-service affiliation ÷ total population × 100.',
 'INEGI, Censo de Población y Vivienda 2020 (importado)', 'YEAR', 'LOWER_IS_BETTER', NULL, NULL, 100, 'IMPORTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 70),
('AVERAGE_SCHOOLING_YEARS', 'EDUCATION', 'Grado promedio de escolaridad', 'Average years of schooling',
 'años', 'years',
 'Años aprobados por la población de 15 años y más ÷ población de 15 años y más.', 'Years of schooling completed by the population aged 15 and over ÷ population aged 15 and over.',
 'INEGI, Censo de Población y Vivienda 2020 (importado)', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 1, 'IMPORTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 80),
('MARGINALISATION_INDEX', 'HUMAN_DEVELOPMENT', 'Índice de marginación urbana', 'Urban marginalisation index',
 'índice (DP2)', 'index (DP2)',
 'Índice de marginación urbana de CONAPO por AGEB (método DP2: a mayor valor, menor marginación). No se agrega a niveles superiores.',
 'CONAPO urban marginalisation index per AGEB (DP2 method: the higher, the less marginalised). Not aggregated to higher levels.',
 'CONAPO, Índice de marginación urbana 2020', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 1, 'COMPUTED',
 '{AGEB}', '{}', NULL, 90),
('MARGINALISATION_GRADE', 'HUMAN_DEVELOPMENT', 'Grado de marginación urbana', 'Urban marginalisation grade',
 'grado (0 muy bajo – 4 muy alto)', 'grade (0 very low – 4 very high)',
 'Grado de marginación urbana de CONAPO por AGEB: 0 Muy bajo, 1 Bajo, 2 Medio, 3 Alto, 4 Muy alto.',
 'CONAPO urban marginalisation grade per AGEB: 0 Very low, 1 Low, 2 Medium, 3 High, 4 Very high.',
 'CONAPO, Índice de marginación urbana 2020', 'YEAR', 'LOWER_IS_BETTER', NULL, NULL, 1, 'COMPUTED',
 '{AGEB}', '{}',
 '{"0": {"es": "Muy bajo", "en": "Very low"}, "1": {"es": "Bajo", "en": "Low"}, "2": {"es": "Medio", "en": "Medium"}, "3": {"es": "Alto", "en": "High"}, "4": {"es": "Muy alto", "en": "Very high"}}',
 100),
('UNEMPLOYMENT_RATE', 'EMPLOYMENT', 'Tasa de desocupación', 'Unemployment rate',
 '% de la población económicamente activa', '% of the labour force',
 'Población desocupada ÷ población económicamente activa × 100.', 'Unemployed population ÷ labour force × 100.',
 'INEGI, Encuesta Nacional de Ocupación y Empleo, ciudad de Hermosillo (importado)', 'QUARTER', 'LOWER_IS_BETTER', NULL, NULL, 100, 'IMPORTED',
 '{MUNICIPALITY}', '{}', NULL, 110),
('GROSS_VALUE_ADDED_PER_WORKER', 'LABOUR_PRODUCTIVITY', 'Valor agregado censal bruto por persona ocupada', 'Gross value added per person employed',
 'miles de pesos por persona ocupada', 'thousand pesos per person employed',
 'Valor agregado censal bruto (miles de pesos) ÷ personal ocupado total.', 'Census gross value added (thousand pesos) ÷ total persons employed.',
 'INEGI, Censos Económicos (importado)', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 1, 'IMPORTED',
 '{MUNICIPALITY}', '{}', NULL, 120),
('MANUFACTURING_GVA_SHARE', 'SECTOR_PERFORMANCE', 'Participación de la industria manufacturera en el valor agregado', 'Manufacturing share of gross value added',
 '% del valor agregado censal bruto', '% of census gross value added',
 'Valor agregado censal bruto de la industria manufacturera ÷ valor agregado censal bruto total × 100.',
 'Census gross value added of manufacturing ÷ total census gross value added × 100.',
 'INEGI, Censos Económicos (importado)', 'YEAR', NULL, NULL, NULL, 100, 'IMPORTED',
 '{MUNICIPALITY}', '{}', NULL, 130),
('UNINHABITED_DWELLINGS_SHARE', 'HOUSING', 'Viviendas particulares deshabitadas', 'Uninhabited private dwellings',
 '% de las viviendas particulares', '% of private dwellings',
 'Viviendas particulares deshabitadas ÷ total de viviendas particulares × 100.', 'Uninhabited private dwellings ÷ all private dwellings × 100.',
 'INEGI, Censo de Población y Vivienda 2020 (importado)', 'YEAR', 'LOWER_IS_BETTER', NULL, NULL, 100, 'IMPORTED',
 '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 140),
('CULTURAL_VENUES_PER_100K', 'CULTURE', 'Espacios culturales por cada 100,000 habitantes', 'Cultural venues per 100,000 inhabitants',
 'espacios por 100,000 habitantes', 'venues per 100,000 inhabitants',
 'Museos, teatros, bibliotecas, casas de cultura y centros culturales ÷ población total × 100,000.',
 'Museums, theatres, libraries and cultural centres ÷ total population × 100,000.',
 'Secretaría de Cultura, Sistema de Información Cultural (importado)', 'YEAR', 'HIGHER_IS_BETTER', NULL, NULL, 100000, 'IMPORTED',
 '{LOCALITY,MUNICIPALITY}', '{}', NULL, 150),
('GREEN_AREA_PER_INHABITANT', 'ENVIRONMENT', 'Área verde por habitante', 'Green area per inhabitant',
 'm² por habitante', 'm² per inhabitant',
 'Superficie (m²) de las áreas verdes levantadas en campo en estado ACTIVE ÷ población total. Corte anual: el valor del año en curso se actualiza con cada levantamiento.',
 'Area (m²) of the green areas surveyed in the field with status ACTIVE ÷ total population. Yearly snapshot: the current year''s value follows every survey.',
 'Brújula, levantamiento de áreas verdes (GREEN_AREA); INEGI, Censo 2020', 'YEAR', 'HIGHER_IS_BETTER', 9,
 'Referencia de 9 m² por habitante (atribuida a la OMS) propuesta como meta del Plan Estratégico Municipal Visión 2040 (por aprobar)',
 1, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 160),
('GREEN_AREA_POOR_CONDITION_SHARE', 'ENVIRONMENT', 'Área verde en mal estado', 'Green area in poor condition',
 '% de la superficie de área verde', '% of green area',
 'Superficie de áreas verdes ACTIVE en condición MALO ÷ superficie de áreas verdes ACTIVE × 100. Corte anual.',
 'Area of ACTIVE green areas in condition MALO ÷ area of ACTIVE green areas × 100. Yearly snapshot.',
 'Brújula, levantamiento de áreas verdes (GREEN_AREA)', 'YEAR', 'LOWER_IS_BETTER', 10,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 100, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 170),
('POTHOLE_REPORTS_PER_10K', 'URBAN_IMAGE', 'Reportes de baches por cada 10,000 habitantes', 'Pothole reports per 10,000 inhabitants',
 'reportes por 10,000 habitantes', 'reports per 10,000 inhabitants',
 'Reportes de imagen urbana de tipo BACHE capturados en el trimestre (sin los descartados, DISMISSED) ÷ población total × 10,000.',
 'Urban-image reports of issue BACHE captured in the quarter (dismissed ones left out) ÷ total population × 10,000.',
 'Ayuntamiento de Hermosillo, Bachómetro (2021–2024) y reportes recibidos por Brújula; INEGI, Censo 2020', 'QUARTER', 'LOWER_IS_BETTER', NULL, NULL,
 10000, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 180),
('POTHOLE_REPORTS_ATTENDED_SHARE', 'URBAN_IMAGE', 'Reportes de baches atendidos', 'Pothole reports attended',
 '% de los reportes', '% of reports',
 'Reportes de BACHE del trimestre en estado RESOLVED ÷ reportes de BACHE del trimestre (sin los descartados) × 100.',
 'BACHE reports of the quarter with status RESOLVED ÷ BACHE reports of the quarter (dismissed ones left out) × 100.',
 'Ayuntamiento de Hermosillo, Bachómetro (2021–2024) y reportes recibidos por Brújula', 'QUARTER', 'HIGHER_IS_BETTER', 90,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 100, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 190),
('URBAN_IMAGE_REPORTS_PER_1K', 'URBAN_IMAGE', 'Reportes de imagen urbana por cada 1,000 habitantes', 'Urban-image reports per 1,000 inhabitants',
 'reportes por 1,000 habitantes', 'reports per 1,000 inhabitants',
 'Reportes de imagen urbana capturados en el trimestre (sin los descartados) ÷ población total × 1,000; total y por tipo de problema.',
 'Urban-image reports captured in the quarter (dismissed ones left out) ÷ total population × 1,000; in total and by issue.',
 'Brújula (reportes de campo, ciudadanos y Bachómetro); INEGI, Censo 2020', 'QUARTER', 'LOWER_IS_BETTER', NULL, NULL,
 1000, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{issue}', NULL, 200),
('URBAN_IMAGE_RESOLVED_SHARE', 'URBAN_IMAGE', 'Reportes de imagen urbana resueltos', 'Urban-image reports resolved',
 '% de los reportes', '% of reports',
 'Reportes de imagen urbana del trimestre en estado RESOLVED ÷ reportes del trimestre (sin los descartados) × 100; total y por tipo de problema.',
 'Urban-image reports of the quarter with status RESOLVED ÷ reports of the quarter (dismissed ones left out) × 100; in total and by issue.',
 'Brújula (reportes de campo, ciudadanos y Bachómetro)', 'QUARTER', 'HIGHER_IS_BETTER', 80,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 100, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{issue}', NULL, 210),
('URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE', 'URBAN_IMAGE', 'Mediana de días para resolver un reporte de imagen urbana', 'Median days to resolve an urban-image report',
 'días', 'days',
 'Mediana, entre los reportes del trimestre resueltos en Brújula, de los días entre la captura y la revisión que los marcó RESOLVED (los resueltos por una importación, sin fecha de atención, no cuentan). Se calcula de los reportes en cada nivel, no promediando medianas.',
 'Median, over the quarter''s reports resolved in Brújula, of the days from capture to the revision that set RESOLVED (reports resolved by an import, which carry no attention date, are left out). Computed from the reports at every level, never by averaging medians.',
 'Brújula (historial de revisiones de cada reporte)', 'QUARTER', 'LOWER_IS_BETTER', 15,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 1, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 220),
('OPEN_RISKS_PER_10K', 'RISK_ATLAS', 'Riesgos abiertos por cada 10,000 habitantes', 'Open risks per 10,000 inhabitants',
 'riesgos por 10,000 habitantes', 'risks per 10,000 inhabitants',
 'Riesgos (RISK) en estado REPORTED o VERIFIED ÷ población total × 10,000; total, por fenómeno (hazard) y por severidad. Corte mensual: el valor del mes en curso se actualiza con cada cambio.',
 'Risks (RISK) with status REPORTED or VERIFIED ÷ total population × 10,000; in total, by hazard and by severity. Monthly snapshot: the current month''s value follows every change.',
 'Brújula, Atlas de Riesgo (levantamiento de campo y reportes ciudadanos); INEGI, Censo 2020', 'MONTH', 'LOWER_IS_BETTER', NULL, NULL,
 10000, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{hazard,severity}', NULL, 230),
('HIGH_SEVERITY_RISKS_UNATTENDED', 'RISK_ATLAS', 'Riesgos graves sin atender', 'High-severity risks unattended',
 'riesgos', 'risks',
 'Riesgos con severidad 4 o 5 que siguen en estado REPORTED (nadie los ha verificado, mitigado ni descartado) y se capturaron hace más de N días (brujula.indicators.unattended-risk-days, 7 por omisión). Corte mensual.',
 'Risks of severity 4 or 5 still REPORTED (nobody has verified, mitigated or dismissed them) captured more than N days ago (brujula.indicators.unattended-risk-days, default 7). Monthly snapshot.',
 'Brújula, Atlas de Riesgo', 'MONTH', 'LOWER_IS_BETTER', 0,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 1, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 240),
('WORKS_AVERAGE_PROGRESS', 'PUBLIC_WORKS', 'Avance físico promedio de la obra pública', 'Average physical progress of public works',
 '% de avance', '% progress',
 'Promedio, entre las obras del catálogo con al menos un reporte de avance (WORKS_PROGRESS en estado ACTIVE), del último avance reportado; la obra cuenta en la zona del catálogo. Corte mensual.',
 'Average, over the catalogue''s works with at least one progress report (WORKS_PROGRESS with status ACTIVE), of the latest reported progress; a work counts in its catalogue zone. Monthly snapshot.',
 'Brújula, catálogo de obra pública y reportes de avance de campo', 'MONTH', 'HIGHER_IS_BETTER', NULL, NULL,
 1, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 250),
('WORKS_DELAYED_SHARE', 'PUBLIC_WORKS', 'Obras con retraso', 'Delayed public works',
 '% de las obras', '% of works',
 'Obras cuyo último avance reportado (0 si no hay reporte) está más de T puntos por debajo del avance programado para hoy (brujula.indicators.works-delay-points, 10 por omisión) ÷ obras cuyo programa ya debía haber iniciado × 100. Corte mensual.',
 'Works whose latest reported progress (0 without a report) is more than T points below today''s planned progress (brujula.indicators.works-delay-points, default 10) ÷ works whose plan has started × 100. Monthly snapshot.',
 'Brújula, catálogo de obra pública (curva programada) y reportes de avance de campo', 'MONTH', 'LOWER_IS_BETTER', 10,
 'Meta indicativa propuesta para el Plan Estratégico Municipal Visión 2040 (por aprobar)',
 100, 'COMPUTED', '{AGEB,LOCALITY,MUNICIPALITY}', '{}', NULL, 260);
