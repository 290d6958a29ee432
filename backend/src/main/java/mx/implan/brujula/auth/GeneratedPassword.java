package mx.implan.brujula.auth;

import java.security.SecureRandom;

/** Random passwords shown once to a person who types them: no look-alike characters (0/O, 1/l/I). */
public final class GeneratedPassword {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    /** {@code length} characters from a 56-symbol alphabet (20 characters ≈ 116 bits). */
    public static String random(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
