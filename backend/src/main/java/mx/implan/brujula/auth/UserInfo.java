package mx.implan.brujula.auth;

/** What the app shows about the signed-in user. */
public record UserInfo(String username, String role, String displayName) {

    public static UserInfo of(AppUser user) {
        return new UserInfo(user.username, user.role, user.displayName);
    }
}
