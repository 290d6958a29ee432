package mx.implan.brujula.app.ui.capture;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.model.observation.ObservationKind;

/** First step of a capture: one large button per kind; a tap leads straight to the form. */
public final class KindScreen implements Screen {

    private final Texts t;
    private final VBox content = Widgets.column();

    public KindScreen(Navigator nav, CaptureRequest request) {
        this.t = nav.texts();
        content.getChildren().add(Widgets.note(t.get("kind.intro")));
        for (ObservationKind kind : ObservationKind.values()) {
            if (!request.kinds().contains(kind)) {
                continue;
            }
            Button b = Widgets.button(t.label(kind), "kind-button",
                    () -> nav.continueCapture(request.withKind(kind)));
            b.setId("kind-" + kind.name());
            b.setAccessibleHelp(t.get("kindHelp." + kind.name()));
            content.getChildren().addAll(b, Widgets.note(t.get("kindHelp." + kind.name())));
        }
    }

    @Override
    public String title() {
        return t.get("kind.title");
    }

    @Override
    public Node content() {
        return content;
    }
}
