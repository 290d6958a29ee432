package mx.implan.brujula.attachments;

/**
 * A photo's bytes were stored for the first time (a synchronous CDI event, fired after the upload
 * was recorded, outside any transaction). Observations that waited only for it react (they lose
 * their INCOMPLETE flag); a failing observer never fails the upload.
 *
 * @param actor who uploaded it
 */
public record PhotoArrived(String sha256, String actor) {
}
