package mx.implan.brujula.indicators;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Sistema Municipal de Indicadores ({@code brujula.indicators.*}). */
@ConfigMapping(prefix = "brujula.indicators")
public interface IndicatorConfig {

    /** A risk of severity 4 or 5 still REPORTED this many days after capture counts as unattended (HIGH_SEVERITY_RISKS_UNATTENDED). */
    @WithDefault("7")
    int unattendedRiskDays();

    /** A work is delayed when its reported progress is more than this many points below plan (WORKS_DELAYED_SHARE). */
    @WithDefault("10")
    double worksDelayPoints();

    /** Semáforo: a value this fraction short of its target (0.10 = 10 %) is yellow; further off, red. */
    @WithDefault("0.10")
    double semaphoreTolerance();

    /** Year of the census the zones' population comes from (the period of the Censo/CONAPO figures). */
    @WithDefault("2020")
    int censusYear();

    /**
     * How often the snapshot, census and investment figures are refreshed (the current month's and
     * year's snapshots age with the clock even when nothing happens); {@code off} disables it.
     */
    @WithDefault("1h")
    String refreshEvery();

    /** Public URL of this server, for the links of the open-data catalogue (DCAT); by default the one Open311 announces. */
    @WithDefault("${brujula.open311.public-base-url:http://localhost:8080}")
    String publicBaseUrl();
}
