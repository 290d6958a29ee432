package mx.implan.brujula.app.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mx.implan.brujula.app.api.Open311Client;
import mx.implan.brujula.app.api.SyncClient;

/**
 * The sessions held on this device, as the sync engine uses them: a client per person, carrying only that
 * person's token, and the anonymous Open311 client. The engine never sees where or how sessions are stored.
 */
public interface DeviceSessions {

    /** The account using the app now; its entries count as the status bar's pending ones. */
    Optional<Account> current();

    /** Accounts with a stored session on this device. */
    List<Account> known();

    /** The client that pushes {@code username}'s entries with their own token; empty when they must sign in. */
    Optional<SyncClient> client(String username);

    /** The server refused {@code username}'s session: keep the account and its journal, ask them to sign in. */
    void markNeedsSignIn(String username);

    /** Anonymous citizen reports (no account). */
    Open311Client open311();

    /** The language of server messages and of the sync status texts. */
    Locale locale();

    /** Called (on any thread) after a sign-in, sign-out, switch or ended session. */
    AutoCloseable onChange(Runnable listener);
}
