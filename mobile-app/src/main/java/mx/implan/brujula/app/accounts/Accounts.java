package mx.implan.brujula.app.accounts;

import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.ServerUnavailableException;
import mx.implan.brujula.app.api.TransportException;

import java.util.List;
import java.util.Optional;

/**
 * Who uses the app. Signing in needs the server once; afterwards the session (refresh token, stored encrypted in
 * the app's private storage) survives restarts and days offline. Several people may have signed in on a shared
 * tablet: each one's entries are pushed only with that person's token.
 */
public interface Accounts {

    /**
     * Signs in online and makes the account current.
     *
     * @throws AuthenticationRequiredException wrong username or password
     * @throws TransportException              server not reachable
     * @throws ServerUnavailableException       the server cannot serve now (503); try again later
     */
    Account signIn(String username, String password);

    /** The account using the app now; empty before the first sign-in or after sign-out (anonymous citizen). */
    Optional<Account> current();

    /** Accounts with a stored session on this device. */
    List<Account> known();

    /** Makes another known account current (shared tablet) without going online. */
    void switchTo(String username);

    /** Forgets the current session's tokens. The journal is kept; its entries wait for that user's next sign-in. */
    void signOut();

    /** True when the server refused this user's stored session (401): the journal is kept, sign in again. */
    boolean needsSignIn(String username);
}
