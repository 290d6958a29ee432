package mx.implan.brujula.auth;

/** The four role names, identical in embedded JWTs and in an external OIDC provider. */
public final class Roles {

    public static final String CITIZEN = "citizen";
    public static final String INSPECTOR = "inspector";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
