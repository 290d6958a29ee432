package mx.implan.brujula.limits;

/** Keys of counters come from requests (usernames, addresses): bounded so a huge value cannot bloat the tables. */
final class Keys {

    static final int MAX_CHARS = 200;

    private Keys() {
    }

    static String bounded(String key) {
        String k = key == null ? "" : key;
        return k.length() <= MAX_CHARS ? k : k.substring(0, MAX_CHARS);
    }
}
