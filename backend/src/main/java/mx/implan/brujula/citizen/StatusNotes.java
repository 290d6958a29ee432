package mx.implan.brujula.citizen;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Open311 {@code status_notes}: the observation's lifecycle status in words, and a duplicate link. */
final class StatusNotes {

    private static final Map<String, String[]> TEXT = Map.of(
            "REPORTED", new String[]{"Reportado; en espera de revisión", "Reported; awaiting review"},
            "VERIFIED", new String[]{"Verificado por personal municipal", "Verified by municipal staff"},
            "IN_PROGRESS", new String[]{"En atención", "In progress"},
            "MITIGATED", new String[]{"Riesgo mitigado", "Hazard mitigated"},
            "RESOLVED", new String[]{"Resuelto", "Resolved"},
            "DISMISSED", new String[]{"Descartado", "Dismissed"});

    private StatusNotes() {
    }

    static String of(String status, UUID duplicateOf, Locale locale) {
        boolean en = ServiceCatalogue.english(locale);
        String[] text = TEXT.getOrDefault(status, new String[]{status, status});
        String note = (en ? text[1] : text[0]) + " (" + status + ")";
        if (duplicateOf != null) {
            note += en ? ". Linked to nearby report " + duplicateOf : ". Vinculado al reporte cercano " + duplicateOf;
        }
        return note;
    }
}
