package mx.implan.brujula.app.journal;

import java.util.List;

/**
 * What pull keeps per user: the cursor to continue from and the works assigned to them.
 *
 * @param owner  username
 * @param cursor opaque pull cursor; null to pull from the beginning
 * @param works  assigned public works as last pulled
 */
record OwnerState(String owner, String cursor, List<AssignedWork> works) {

    OwnerState {
        works = works == null ? List.of() : List.copyOf(works);
    }

    static OwnerState empty(String owner) {
        return new OwnerState(owner, null, List.of());
    }
}
