package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.sync.FieldError;

import java.util.List;

/** A draft that breaks shared-model's rules; nothing was written. The form shows each error at its field. */
public class InvalidDraftException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidDraftException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
