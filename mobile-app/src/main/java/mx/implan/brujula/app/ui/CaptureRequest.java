package mx.implan.brujula.app.ui;

import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.model.observation.ObservationKind;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the capture screen is asked to do.
 *
 * @param owner     who captures (the signed-in user, or Journal.ANONYMOUS for an anonymous citizen)
 * @param kinds     kinds offered (citizens: risk and urban image)
 * @param kind      the kind when already chosen; null shows the kind picker first
 * @param editing   the entry being edited; null for a new observation
 * @param workId    the public work a progress report is about; null otherwise
 * @param pointOnly true when only a point can be placed (citizen reports)
 */
public record CaptureRequest(String owner, Set<ObservationKind> kinds, ObservationKind kind, JournalEntry editing,
                             UUID workId, boolean pointOnly) {

    public CaptureRequest {
        Objects.requireNonNull(owner, "owner");
        kinds = Set.copyOf(kinds);
    }

    public static CaptureRequest create(String owner) {
        return new CaptureRequest(owner, EnumSet.allOf(ObservationKind.class), null, null, null, false);
    }

    public static CaptureRequest citizen(String owner, ObservationKind kind) {
        return new CaptureRequest(owner, EnumSet.of(ObservationKind.RISK, ObservationKind.URBAN_IMAGE), kind, null,
                null, true);
    }

    public static CaptureRequest progress(String owner, UUID workId) {
        return new CaptureRequest(owner, EnumSet.of(ObservationKind.WORKS_PROGRESS), ObservationKind.WORKS_PROGRESS,
                null, workId, false);
    }

    public static CaptureRequest edit(JournalEntry entry) {
        return new CaptureRequest(entry.owner(), EnumSet.of(entry.local().kind()), entry.local().kind(), entry, null,
                false);
    }

    public CaptureRequest withKind(ObservationKind chosen) {
        return new CaptureRequest(owner, kinds, chosen, editing, workId, pointOnly);
    }
}
