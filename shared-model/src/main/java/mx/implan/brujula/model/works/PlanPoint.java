package mx.implan.brujula.model.works;

import java.time.LocalDate;

/** A point of a public work's planned progress curve: by {@code date}, {@code percent} (0–100) should be done. */
public record PlanPoint(LocalDate date, double percent) {
}
