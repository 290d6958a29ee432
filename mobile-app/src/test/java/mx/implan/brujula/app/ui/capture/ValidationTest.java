package mx.implan.brujula.app.ui.capture;

import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors appear at their field, with shared-model's messages, and nothing is saved. */
class ValidationTest extends FieldAppTest {

    @Test
    void requiredRiskFieldsAreFlaggedWhereTheyAre() {
        tap("#new-observation");
        tap("#kind-RISK");
        tap("#save");

        assertThat(row("hazard").hasError()).isTrue();
        assertThat(row("hazard").errorText()).isNotBlank().doesNotContain("attributes.hazard");
        assertThat(row("severity").hasError()).isTrue();
        assertThat(row("peopleExposed").hasError()).isFalse();
        assertThat(preview.journal().saved()).isEmpty();
        screenshot("capture-errors");

        tap("#hazard-GRIETA");
        tap("#severity-2");
        tap("#save");
        assertThat(preview.journal().saved()).hasSize(1);
    }

    @Test
    void textInANumberFieldIsRefusedBeforeSaving() {
        tap("#new-observation");
        tap("#kind-RISK");
        tap("#hazard-GRIETA");
        tap("#severity-2");
        type("#attr-peopleExposed", "muchas");
        tap("#save");

        assertThat(row("peopleExposed").errorText()).isEqualTo("Escribe un número entero.");
        assertThat(preview.journal().saved()).isEmpty();
    }

    @Test
    void progressOverOneHundredIsRejectedByTheSharedRules() {
        tap("#new-observation");
        tap("#kind-WORKS_PROGRESS");
        type("#attr-progressPercent", "140");
        tap("#save");

        assertThat(row("progressPercent").hasError()).isTrue();
        assertThat(row("progressPercent").errorText()).contains("100");
        assertThat(preview.journal().saved()).isEmpty();
    }

    @Test
    void anAreaNeedsThreeVertices() {
        tap("#new-observation");
        tap("#kind-GREEN_AREA");
        tap("#add-vertex");
        tap("#areaType-JARDIN");
        tap("#condition-MALO");
        tap("#save");

        assertThat(row("geometry").errorText()).isEqualTo("Faltan vértices: se necesitan al menos 3.");
        assertThat(preview.journal().saved()).isEmpty();
    }

    @Test
    void aRejectedEntryOpensWithTheServersReasonAtItsField() {
        var id = mx.implan.brujula.model.Ids.nameBased("sample-" + mx.implan.brujula.app.journal.EntryState.REJECTED);
        interact(() -> shell.openEntry(preview.journal().find(id).orElseThrow()));
        assertThat(row("geometry").errorText()).isEqualTo("El polígono se cruza consigo mismo");
        assertThat(row("areaType").hasError()).isFalse();
    }

    @Test
    void negativeCountsAreRejectedAtTheirField() {
        tap("#new-observation");
        tap("#kind-GREEN_AREA");
        tap("#shape-POINT");
        tap("#areaType-JARDIN");
        tap("#condition-MALO");
        type("#attr-trees", "-3");
        tap("#save");

        assertThat(row("trees").hasError()).isTrue();
        assertThat(row("areaType").hasError()).isFalse();
        assertThat(preview.journal().saved()).isEmpty();
    }
}
