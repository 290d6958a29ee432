package mx.implan.brujula.monitoring;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A work that was not delayed is now: fired synchronously, inside the transaction that recorded the
 * transition, so whoever observes it (alerts) commits or rolls back with it. Not fired again while
 * the work stays delayed; fired anew after it caught up and fell behind again.
 */
public record WorkFellBehind(UUID workId, String code, String name, String zoneId, double plannedToday,
                             BigDecimal lastActual, double delayPoints, double threshold) {
}
