package mx.implan.brujula.sync;

import mx.implan.brujula.auth.Actor;

import java.time.OffsetDateTime;
import java.util.Locale;

/** What is known about a push besides its items: who sent it, from which device, and when by each clock. */
public record PushContext(Actor actor, String deviceId, OffsetDateTime sentAt, OffsetDateTime receivedAt, Locale locale) {
}
