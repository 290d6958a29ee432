package mx.implan.brujula.app.ui;

import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.sync.SyncStatus;
import mx.implan.brujula.model.observation.AreaCondition;
import mx.implan.brujula.model.observation.AreaType;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.UrbanIssue;
import mx.implan.brujula.model.observation.WorkStage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void spanishAndEnglishHaveTheSameKeys() {
        Set<String> es = new TreeSet<>(Texts.bundle(Locale.forLanguageTag("es")).keySet());
        Set<String> en = new TreeSet<>(Texts.bundle(Locale.ENGLISH).keySet());
        assertThat(en).isEqualTo(es);
    }

    @Test
    void everyCatalogueValueHasALabel() {
        List<Class<? extends Enum<?>>> enums = List.of(EntryState.class, ObservationKind.class, Hazard.class,
                UrbanIssue.class, AreaType.class, AreaCondition.class, WorkStage.class, ObservationStatus.class,
                GeometryKind.class);
        for (Locale locale : List.of(Locale.forLanguageTag("es"), Locale.ENGLISH)) {
            Texts t = new Texts(locale);
            for (Class<? extends Enum<?>> type : enums) {
                for (Enum<?> value : type.getEnumConstants()) {
                    assertThat(t.label(value)).as(locale + " " + value).doesNotStartWith("!");
                }
            }
            for (SyncStatus.Phase phase : SyncStatus.Phase.values()) {
                assertThat(t.has("sync." + phase.name())).as(locale + " " + phase).isTrue();
            }
        }
    }

    @Test
    void englishSystemStillGetsSpanishUnlessEnglishIsChosen() {
        assertThat(new Texts(Locale.forLanguageTag("es-MX")).get("capture.save")).isEqualTo("Guardar");
        assertThat(new Texts(Locale.ENGLISH).get("capture.save")).isEqualTo("Save");
        assertThat(new Texts(Locale.FRENCH).get("capture.save")).isEqualTo("Guardar");
        assertThat(new Texts(Locale.ENGLISH).get("no.such.key")).isEqualTo("!no.such.key!");
    }

    @Test
    void rootFontFollowsTheSystemAndTheUserSetting() {
        assertThat(FontScale.rootPx(13, 1)).isEqualTo(16);
        assertThat(FontScale.rootPx(12, 1)).isEqualTo(16);
        assertThat(FontScale.rootPx(19.5, 1)).isEqualTo(24);
        assertThat(FontScale.rootPx(13, 1.5)).isEqualTo(24);
    }
}
