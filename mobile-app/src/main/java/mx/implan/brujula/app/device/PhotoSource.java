package mx.implan.brujula.app.device;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;

/**
 * Pictures for an observation: taken with the camera on a phone, picked from a folder or a file chooser on a
 * desktop. Returned files are only read; the journal copies and hashes them when the observation is saved.
 */
public interface PhotoSource {

    /** Asks for one or more pictures (on the FX thread); empty when the user cancelled. */
    List<Path> pick(Window owner);
}
