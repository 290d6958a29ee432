package mx.implan.brujula.works;

import org.locationtech.jts.geom.Geometry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A validated public work, whatever it came from (CSV row, GeoJSON feature, JSON body).
 * {@code plannedCurve} null means "derive it from the dates".
 */
public record WorkInput(String code, String name, String programme, String fund, BigDecimal budgetMxn,
                        String contractor, LocalDate plannedStart, LocalDate plannedEnd,
                        List<CurvePoint> plannedCurve, String description, Geometry geometry) {
}
