package mx.implan.brujula.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.auth.AppUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class DemoUsersTest {

    @Inject
    DemoUsers demo;

    @Inject
    EntityManager em;

    @Test
    void createsOneUserPerRoleWithARandomPasswordShownOnlyOnce() {
        removeDemoUsers();

        Optional<String> shown = demo.ensure(Optional.empty());

        assertThat(shown).get().asString().hasSizeGreaterThanOrEqualTo(16);
        DemoUsers.USERS.forEach((name, role) ->
                signIn(name, shown.get()).then().statusCode(200));
        assertThat(AppUser.findByUsername("ciudadano")).get().extracting(u -> u.role).isEqualTo("citizen");

        // A second start finds them and says nothing about passwords.
        assertThat(demo.ensure(Optional.empty())).isEmpty();
        signIn("admin", shown.get()).then().statusCode(200);
    }

    @Test
    void usesTheConfiguredPasswordAndOnlyAddsMissingUsers() {
        removeDemoUsers();
        demo.ensure(Optional.of("demo password 2026"));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM app_user WHERE username = 'inspector'").executeUpdate());

        assertThat(demo.ensure(Optional.of("other password 2026"))).isEmpty();

        signIn("inspector", "other password 2026").then().statusCode(200);
        signIn("admin", "demo password 2026").then().statusCode(200);
        signIn("admin", "other password 2026").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
    }

    private void removeDemoUsers() {
        List<String> names = List.copyOf(DemoUsers.USERS.keySet());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM refresh_token WHERE user_id IN (SELECT id FROM app_user WHERE username IN (?1, ?2, ?3, ?4))")
                    .setParameter(1, names.get(0)).setParameter(2, names.get(1)).setParameter(3, names.get(2)).setParameter(4, names.get(3))
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM app_user WHERE username IN (?1, ?2, ?3, ?4)")
                    .setParameter(1, names.get(0)).setParameter(2, names.get(1)).setParameter(3, names.get(2)).setParameter(4, names.get(3))
                    .executeUpdate();
        });
    }
}
