package mx.implan.brujula.app.sync;

import mx.implan.brujula.app.journal.CitizenReports;
import mx.implan.brujula.app.journal.LocalWrites;
import mx.implan.brujula.app.journal.PhotoRetention;
import mx.implan.brujula.app.journal.PulledChanges;

/** The faces of the journal a sync round works with: the queue it drains, where pulls land, reports, photos. */
record JournalSides(LocalWrites writes, PulledChanges pulls, CitizenReports reports, PhotoRetention photos) {

    static <J extends LocalWrites & PulledChanges & CitizenReports & PhotoRetention> JournalSides of(J journal) {
        return new JournalSides(journal, journal, journal, journal);
    }
}
