package mx.implan.brujula.app.ui;

import mx.implan.brujula.app.accounts.Accounts;
import mx.implan.brujula.app.device.PhotoSource;
import mx.implan.brujula.app.device.PositionSource;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.sync.SyncEngine;

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

    /**
     * The UI language: {@code brujula.locale} when set, otherwise the system's; Spanish unless English. A desktop
     * whose environment names no language (the "C"/POSIX locale, which Java reports as English) gets Spanish.
     */
    public static Locale uiLocale() {
        String setting = System.getProperty("brujula.locale");
        Locale locale;
        if (setting != null && !setting.isBlank()) {
            locale = Locale.forLanguageTag(setting);
        } else if (posixWithoutLanguage()) {
            locale = Locale.forLanguageTag("es");
        } else {
            locale = Locale.getDefault();
        }
        return locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("es-MX");
    }

    private static boolean posixWithoutLanguage() {
        for (String name : new String[]{"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value.startsWith("C") || value.startsWith("POSIX");
            }
        }
        return false; // no such variables at all: a phone, whose Locale.getDefault() is the user's choice
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
