package mx.implan.brujula.app;

import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.sync.Accounts;
import mx.implan.brujula.app.sync.SyncEngine;
import mx.implan.brujula.app.ui.ServerAddress;
import mx.implan.brujula.app.ui.device.PhotoSource;
import mx.implan.brujula.app.ui.device.PositionSource;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the screens use, built once at start: the real journal, accounts and sync engine on a device, or
 * in-memory ones in UI tests. The screens reach nothing else.
 *
 * @param server    the server address the user chose at sign-in (the accounts and the sync engine read it)
 * @param fontScale the user's text-size setting on top of the system's (1 = as the system says)
 */
public record AppContext(Journal journal, SyncEngine sync, Accounts accounts, PositionSource position,
                         PhotoSource photos, Locale locale, Clock clock, ServerAddress server, double fontScale) {

    public AppContext {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(photos, "photos");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(server, "server");
        if (!(fontScale > 0)) {
            throw new IllegalArgumentException("fontScale must be positive");
        }
    }

    /** The UI language: {@code brujula.locale} when set, otherwise the system's; Spanish unless English. */
    public static Locale uiLocale() {
        String setting = System.getProperty("brujula.locale");
        Locale locale = setting == null || setting.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(setting);
        return locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("es-MX");
    }

    /** The text-size setting {@code brujula.fontScale} (e.g. 1.3), 1 when unset or unreadable. */
    public static double fontScaleSetting() {
        try {
            double scale = Double.parseDouble(System.getProperty("brujula.fontScale", "1"));
            return scale > 0 ? scale : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
