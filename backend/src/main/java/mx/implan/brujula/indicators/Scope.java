package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which cells (zone × period start) a derivation rewrites: every cell of its indicators, or the
 * listed ones. A cell's value depends only on the contributions inside it, so rewriting a few cells
 * gives exactly what rewriting all of them would give there.
 */
public record Scope(boolean all, Set<Cell> cells) {

    /** One zone in the period that starts on {@code periodStart}. */
    public record Cell(String zoneId, LocalDate periodStart) {
    }

    public Scope {
        cells = Set.copyOf(cells);
    }

    public static Scope everything() {
        return new Scope(true, Set.of());
    }

    /** Every combination of the zones and period starts given. */
    public static Scope of(Collection<String> zones, Collection<LocalDate> periods) {
        Set<Cell> cells = new LinkedHashSet<>();
        for (String z : zones) {
            for (LocalDate p : periods) {
                cells.add(new Cell(z, p));
            }
        }
        return new Scope(false, cells);
    }

    public boolean isEmpty() {
        return !all && cells.isEmpty();
    }

    /** The cells as the JSON array the SQL filter reads: {@code [{"z": zone, "p": "2024-01-01"}]}. */
    String json() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Cell c : cells) {
            a.addObject().put("z", c.zoneId()).put("p", c.periodStart().toString());
        }
        return a.toString();
    }
}
