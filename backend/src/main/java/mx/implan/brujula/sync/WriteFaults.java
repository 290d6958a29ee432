package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.model.observation.Observation;

/**
 * Called before each item is written, in the write's transaction, on both the batch and the per-item path. Does
 * nothing here; tests replace it to make the write of a chosen item fail and prove that the others are unaffected.
 */
@ApplicationScoped
public class WriteFaults {

    public void beforeWrite(Observation item) {
        // No fault in production.
    }
}
