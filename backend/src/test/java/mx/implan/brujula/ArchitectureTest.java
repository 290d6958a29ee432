package mx.implan.brujula;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.events.Outbox;
import mx.implan.brujula.events.OutboxEntity;
import mx.implan.brujula.observations.ObservationEntity;
import mx.implan.brujula.observations.ObservationRevisionEntity;

/**
 * The backend's house as the README's architecture section describes it: one package per feature
 * under {@code mx.implan.brujula}, depending on each other one way only; {@code observations} owns
 * the observation tables and is the one writer of every observation change, with its change-log
 * row and outbox event ({@code events}' appenders); backend and mobile-app meet only in
 * shared-model. Source text the bytecode cannot show (SQL) is checked by {@link ObservationWritersTest}.
 */
@AnalyzeClasses(packages = "mx.implan.brujula", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "mx.implan.brujula";
    private static final String OBSERVATIONS = ROOT + ".observations..";
    private static final String EVENTS = ROOT + ".events..";

    @ArchTest
    static final ArchRule onePackagePerFeatureWithoutCycles = slices()
            .matching(ROOT + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("features depend on each other one way only: sync and citizen on observations, observations on "
                    + "attachments' events and on interfaces it owns, never back (README, Architecture)");

    @ArchTest
    static final ArchRule observationsIsTheOneWriterOfTheObservationTables = noClasses()
            .that().resideOutsideOfPackage(OBSERVATIONS)
            .should().dependOnClassesThat().belongToAnyOf(ObservationEntity.class, ObservationRevisionEntity.class)
            .because("observations owns the observation tables: other features write through ObservationStore and read "
                    + "through ObservationQuery (README, Architecture)");

    @ArchTest
    static final ArchRule onlyObservationsAppendsObservationChangesToTheChangeLog = noClasses()
            .that().resideOutsideOfPackages(OBSERVATIONS, EVENTS)
            .should().callMethodWhere(target(owner(assignableTo(ChangeLog.class)))
                    .and(target(nameStartingWith("appendObservation"))))
            .orShould().dependOnClassesThat().belongToAnyOf(ChangeLog.ObservationChange.class)
            .because("every change of an observation writes its change-log row in the store's transaction "
                    + "(README, Architecture: observations, the one writer)");

    @ArchTest
    static final ArchRule onlyObservationsAppendsToTheOutbox = noClasses()
            .that().resideOutsideOfPackages(OBSERVATIONS, EVENTS)
            .should().dependOnClassesThat().belongToAnyOf(Outbox.class, Outbox.Event.class, OutboxEntity.class)
            .because("every outbox event is appended in the transaction of the change it announces: observation events "
                    + "by observations, reference events (work.upserted) by events' own ReferenceEvents, which works calls "
                    + "(README, Architecture: observations, the one writer)");

    @ArchTest
    static final ArchRule observationsKnowsNoFeatureThatWritesThroughIt = noClasses()
            .that().resideInAPackage(OBSERVATIONS)
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sync..", ROOT + ".citizen..", ROOT + ".demo..")
            .because("sync and citizen reach observations; observations reaches them only through interfaces it owns "
                    + "(ObservationSubmission, ObservationContacts)");

    @ArchTest
    static final ArchRule theEventPipelineKnowsNoConsumer = noClasses()
            .that().resideInAPackage(EVENTS)
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".indicators..", ROOT + ".alerts..", ROOT + ".monitoring..",
                    ROOT + ".works..", ROOT + ".observations..")
            .because("projectors find the pipeline (EventProjector beans), never the reverse: a new read model needs no "
                    + "change in events (docs/events.md)");

    @ArchTest
    static final ArchRule theBackendNeverDependsOnTheApp = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
            .because("backend and mobile-app meet only in shared-model (mx.implan.brujula.model)");
}
