package mx.implan.brujula.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list endpoint; {@code next} is an opaque cursor, null on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean hasNext() {
        return next != null;
    }
}
