package mx.implan.brujula.works;

import java.time.LocalDate;

/** A point of a work's planned progress curve: by {@code date}, {@code percent} (0–100) should be done. */
public record CurvePoint(LocalDate date, double percent) {
}
