package mx.implan.brujula.app.ui.works;

import javafx.scene.Node;
import javafx.scene.control.Label;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.ui.Texts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Today's planned progress beside the last reported one, so an inspector on site sees at once
 * whether the work is behind its plan — offline, from the curve the last pull delivered.
 */
final class PlanComparison {

    private final Texts t;

    PlanComparison(Texts t) {
        this.t = t;
    }

    List<Node> rows(AssignedWork work, LocalDate today) {
        Optional<Double> planned = work.plan().plannedPercent(today);
        List<Node> rows = new ArrayList<>();
        Label plannedLabel = new Label(t.get("work.plannedToday") + ": "
                + planned.map(p -> t.format("work.percent", p)).orElse(t.get("work.noPlan")));
        plannedLabel.setId("work-planned");
        plannedLabel.setWrapText(true);
        rows.add(plannedLabel);
        if (planned.isPresent() && work.lastProgressPercent() != null) {
            double gap = planned.get() - work.lastProgressPercent();
            Label gapLabel = new Label(gap > 0 ? t.format("work.behind", gap)
                    : gap < 0 ? t.format("work.ahead", -gap) : t.get("work.onPlan"));
            gapLabel.setId("work-gap");
            gapLabel.setWrapText(true);
            gapLabel.getStyleClass().add(gap > 0 ? "work-behind" : "work-on-plan");
            rows.add(gapLabel);
        }
        return rows;
    }
}
