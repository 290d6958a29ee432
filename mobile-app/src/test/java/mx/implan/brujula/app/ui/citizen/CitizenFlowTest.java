package mx.implan.brujula.app.ui.citizen;

import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.model.observation.ObservationKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A citizen reports without an account, then sees the report and its state; or signs in as a citizen. */
class CitizenFlowTest extends FieldAppTest {

    @Override
    protected SampleData.Preview preview(Path photoDir) {
        return SampleData.empty(photoDir, locale());
    }

    @Test
    void anonymousRiskReportWithPhoto() {
        tap("#signin-anonymous");
        assertThat(shell.current()).isInstanceOf(CitizenScreen.class);
        screenshot("citizen");
        tap("#report-RISK");
        // Citizens place a point only: no line or area choice.
        assertThat(lookup("#shape-LINE").tryQuery()).isEmpty();
        tap("#hazard-INUNDACION");
        tap("#severity-5");
        tap("#add-photo");
        tap("#save");

        List<JournalEntry> mine = preview.journal().entries(Journal.ANONYMOUS);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).local().kind()).isEqualTo(ObservationKind.RISK);
        assertThat(mine.get(0).local().photos()).hasSize(1);
        assertThat(shell.current()).isInstanceOf(CitizenScreen.class);
        assertThat(lookup("#reports .entry-row").queryAll()).hasSize(1);
        assertThat(lookup("#reports .chip").queryLabeled().getText()).isEqualTo("pendiente");
        reveal(lookup("#reports").query());
        screenshot("citizen-report");
    }

    @Test
    void signedInCitizenReportsUnderTheirAccount() {
        type("#username", "ciudadano");
        type("#password", SampleData.PASSWORD);
        tap("#sign-in");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        org.awaitility.Awaitility.await().until(() -> shell.current() instanceof CitizenScreen);
        tap("#report-URBAN_IMAGE");
        tap("#issue-GRAFITI");
        tap("#severity-2");
        tap("#save");

        assertThat(preview.journal().entries("ciudadano")).hasSize(1);
        assertThat(preview.journal().entries(Journal.ANONYMOUS)).isEmpty();
    }
}
