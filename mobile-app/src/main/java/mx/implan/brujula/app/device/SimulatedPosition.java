package mx.implan.brujula.app.device;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Desktop stand-in for a GPS receiver: a fixed point, or a track walked one vertex per reading (so walking a
 * line or polygon on a desk produces distinct vertices). Configured with {@code brujula.gps}: either
 * {@code "lat,lon[,accuracy]"} or a track {@code "lat,lon;lat,lon;...[@accuracy]"}; the default is downtown
 * Hermosillo with 5 m accuracy.
 */
public final class SimulatedPosition implements PositionSource {

    /** Plaza Zaragoza, Hermosillo. */
    public static final String DEFAULT = "29.0729,-110.9559,5";

    private final List<double[]> track;
    private final double accuracyM;
    private final Clock clock;
    private int next;

    public SimulatedPosition(List<double[]> track, double accuracyM, Clock clock) {
        if (track.isEmpty()) {
            throw new IllegalArgumentException("a simulated GPS needs at least one point");
        }
        this.track = List.copyOf(track);
        this.accuracyM = accuracyM;
        this.clock = clock;
    }

    /** Parses the {@code brujula.gps} setting (see the class comment). */
    public static SimulatedPosition parse(String spec, Clock clock) {
        String text = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        double accuracy = 5;
        List<double[]> points = new ArrayList<>();
        if (text.contains(";") || text.contains("@")) {
            int at = text.indexOf('@');
            if (at >= 0) {
                accuracy = Double.parseDouble(text.substring(at + 1).trim());
                text = text.substring(0, at);
            }
            for (String point : text.split(";")) {
                String[] p = point.trim().split(",");
                points.add(new double[]{Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim())});
            }
        } else {
            String[] p = text.split(",");
            points.add(new double[]{Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim())});
            if (p.length > 2) {
                accuracy = Double.parseDouble(p[2].trim());
            }
        }
        return new SimulatedPosition(points, accuracy, clock);
    }

    @Override
    public synchronized Optional<Fix> current() {
        double[] p = track.get(next);
        next = (next + 1) % track.size();
        return Optional.of(new Fix(p[0], p[1], accuracyM, clock.instant()));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "simulated GPS (%d point%s, ±%.0f m)", track.size(),
                track.size() == 1 ? "" : "s", accuracyM);
    }
}
