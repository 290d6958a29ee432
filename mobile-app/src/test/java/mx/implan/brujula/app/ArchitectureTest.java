package mx.implan.brujula.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.accounts.Accounts;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.BaseUriPolicy;
import mx.implan.brujula.app.api.ServerUnavailableException;
import mx.implan.brujula.app.api.TransportException;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.journal.Draft;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.OfflineMap;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.InvalidDraftException;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.journal.JournalException;
import mx.implan.brujula.app.sync.SyncEngine;
import mx.implan.brujula.app.sync.SyncStatus;

/**
 * The field app's house as DESIGN.md lays it out: ui (a package per screen, a navigator), journal (offline
 * store), sync (engine), api (HTTP client), accounts, device (Attach wrappers), storage (atomic files), and the
 * composition root ({@code mx.implan.brujula.app}: DeviceContext, FieldApp) that alone knows them all. The app
 * depends on shared-model and never on the backend.
 */
@AnalyzeClasses(packages = "mx.implan.brujula.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String APP = "mx.implan.brujula.app";

    /** What the screens may use of the journal, the sync engine, accounts and the API client: their interfaces. */
    private static final Set<Class<?>> UI_CONTRACT = Set.of(
            Journal.class, JournalEntry.class, Draft.class, EntryState.class, AssignedWork.class, OfflineMap.class,
            InvalidDraftException.class, JournalException.class,
            SyncEngine.class, SyncStatus.class,
            Accounts.class, Account.class,
            // What Accounts.signIn documents it throws, and the address check of the sign-in screen.
            AuthenticationRequiredException.class, TransportException.class, ServerUnavailableException.class,
            BaseUriPolicy.class);

    @ArchTest
    static final ArchRule theAppsPartsDependOnEachOtherWithoutCycles = slices()
            .matching(APP + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("ui → sync → journal/accounts → api → storage is a one-way street (DESIGN.md, the house)");

    @ArchTest
    static final ArchRule onlyTheCompositionRootKnowsEveryPart = noClasses()
            .that().resideInAPackage(APP + ".(*)..")
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("DeviceContext and FieldApp build the app; nothing inside depends on them");

    @ArchTest
    static final ArchRule theScreensFormNoCycles = slices()
            .matching(APP + ".ui.(*)..").namingSlices("ui.$1")
            .should().beFreeOfCycles()
            .because("each screen has its package and leads on through the Navigator, never to another screen");

    @ArchTest
    static final ArchRule theScreensKnowTheShellOnlyAsTheirNavigator = noClasses()
            .that().resideInAPackage(APP + ".ui..").and().resideOutsideOfPackage(APP + ".ui.shell..")
            .should().dependOnClassesThat().resideInAPackage(APP + ".ui.shell..");

    @ArchTest
    static final ArchRule theUiKitKnowsNoScreen = noClasses()
            .that().resideInAPackage(APP + ".ui")
            .should().dependOnClassesThat().resideInAPackage(APP + ".ui.(*)..");

    @ArchTest
    static final ArchRule theUiUsesJournalSyncAndAccountsOnlyThroughTheirInterfaces = noClasses()
            .that().resideInAPackage(APP + ".ui..")
            .should().dependOnClassesThat(internalsOf(APP + ".journal..", APP + ".sync..", APP + ".api..",
                    APP + ".accounts..", APP + ".storage.."));

    @ArchTest
    static final ArchRule theSyncEngineKnowsTheJournalAndAccountsByTheirInterfaces = noClasses()
            .that().resideInAPackage(APP + ".sync..")
            .should().dependOnClassesThat().belongToAnyOf(FileJournal.class, FileAccounts.class);

    @ArchTest
    static final ArchRule theAppNeverDependsOnTheBackend = noClasses()
            .that().resideInAPackage(APP + "..")
            .should().dependOnClassesThat(resideInAPackage("mx.implan.brujula..")
                    .and(not(resideInAnyPackage(APP + "..", "mx.implan.brujula.model.."))))
            .because("backend and mobile-app meet only in shared-model (mx.implan.brujula.model)");

    /** Classes of those packages that are not part of {@link #UI_CONTRACT} (nested types go with their owner). */
    private static DescribedPredicate<JavaClass> internalsOf(String... packages) {
        return DescribedPredicate.describe("internals of " + String.join(", ", packages), c -> {
            if (!resideInAnyPackage(packages).test(c)) {
                return false;
            }
            String outermost = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
            return UI_CONTRACT.stream().noneMatch(allowed -> allowed.getName().equals(outermost));
        });
    }
}
