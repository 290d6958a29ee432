package mx.implan.brujula.app.device;

import com.gluonhq.attach.position.Parameters;
import com.gluonhq.attach.position.Position;
import com.gluonhq.attach.position.PositionService;

import java.time.Clock;
import java.util.Optional;

/** The phone's receiver through Gluon Attach. Attach reports no accuracy, so fixes carry none. */
final class AttachPosition implements PositionSource {

    private final PositionService service;
    private final Clock clock;

    AttachPosition(PositionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        service.start(new Parameters(Parameters.Accuracy.HIGHEST, 1_000, 0, false));
    }

    @Override
    public Optional<Fix> current() {
        Position p = service.getPosition();
        return p == null ? Optional.empty() : Optional.of(new Fix(p.getLatitude(), p.getLongitude(), null, clock.instant()));
    }

    @Override
    public String describe() {
        return "device GPS";
    }
}
