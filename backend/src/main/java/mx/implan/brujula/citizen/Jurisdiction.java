package mx.implan.brujula.citizen;

/**
 * {@code jurisdiction_id}: this endpoint serves one jurisdiction, so the spec lets clients omit it;
 * when given, it must be ours (404 otherwise, as the spec says).
 */
final class Jurisdiction {

    private Jurisdiction() {
    }

    static void check(String given, Open311Config config, Open311Text t) {
        if (given != null && !given.isBlank() && !given.strip().equals(config.jurisdictionId())) {
            throw new Open311Error(404, t.get("error.unknownJurisdiction", given.strip()));
        }
    }
}
