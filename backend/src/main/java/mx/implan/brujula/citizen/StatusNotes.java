package mx.implan.brujula.citizen;

import java.util.UUID;

/** Open311 {@code status_notes}: the observation's lifecycle status in words, and a duplicate link. */
final class StatusNotes {

    private StatusNotes() {
    }

    static String of(String status, UUID duplicateOf, Open311Text t) {
        String words = t.has("status." + status) ? t.get("status." + status) : status;
        String note = t.get("status.note", words, status);
        return duplicateOf == null ? note : t.get("status.linked", note, duplicateOf.toString());
    }
}
