package mx.implan.brujula.app.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import mx.implan.brujula.app.storage.FreeSpace;

/**
 * How long photos stay on the device once the server holds them. A phone that captures 50 photos a day fills
 * its storage within months if nothing ever leaves; a photo the server confirmed and whose observations are all
 * synced goes after {@code keepFor} (the inspector may still want it offline for a while), at once when free
 * space falls under {@code lowSpaceBytes}. A thumbnail stays for the lists.
 *
 * @param keepFor       how long after the last save of an observation referencing it a synced photo is kept
 * @param lowSpaceBytes below this much free space, synced photos go as soon as the server confirms them
 * @param space         where free space is read (the app's private storage)
 */
public record PhotoKeeping(Duration keepFor, long lowSpaceBytes, FreeSpace space) {

    public PhotoKeeping {
        Objects.requireNonNull(keepFor, "keepFor");
        Objects.requireNonNull(space, "space");
        if (keepFor.isNegative() || lowSpaceBytes < 0) {
            throw new IllegalArgumentException("keepFor and lowSpaceBytes must not be negative");
        }
    }

    /** A week, or at once below 512 MiB free; free space unknown until {@link #on(FreeSpace)}. */
    public static PhotoKeeping defaults() {
        return new PhotoKeeping(Duration.ofDays(7), 512L * 1024 * 1024, FreeSpace.UNKNOWN);
    }

    /** The same policy, reading free space from {@code space}. */
    public PhotoKeeping on(FreeSpace space) {
        return new PhotoKeeping(keepFor, lowSpaceBytes, space);
    }

    /** Photos whose observations were last saved before this instant may go (all of them when space is low). */
    Instant savedBefore(Instant now) {
        return space.usableBytes() < lowSpaceBytes ? Instant.MAX : now.minus(keepFor);
    }
}
