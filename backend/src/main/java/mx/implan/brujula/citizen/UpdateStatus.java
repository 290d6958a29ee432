package mx.implan.brujula.citizen;

import java.util.Map;

/**
 * Our lifecycle statuses in the words of mySociety's extended Open311 statuses, which FixMyStreet
 * maps to its own states (open, investigating, in progress, fixed, unable to fix).
 */
final class UpdateStatus {

    private static final Map<String, String> EXTENDED = Map.of(
            "REPORTED", "open",
            "VERIFIED", "investigating",
            "IN_PROGRESS", "in_progress",
            "MITIGATED", "fixed",
            "RESOLVED", "fixed",
            "DISMISSED", "no_further_action");

    private UpdateStatus() {
    }

    static String of(String status) {
        return EXTENDED.getOrDefault(status, CitizenReports.OPEN_STATUSES.contains(status) ? "open" : "closed");
    }
}
