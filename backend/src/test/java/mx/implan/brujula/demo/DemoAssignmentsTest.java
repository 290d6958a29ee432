package mx.implan.brujula.demo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.assignments.Assignments;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class DemoAssignmentsTest {

    @Inject
    DemoUsers demoUsers;
    @Inject
    DemoReferenceData referenceData;
    @Inject
    DemoAssignments demoAssignments;
    @Inject
    Assignments assignments;
    @Inject
    UserService users;
    @Inject
    Db db;

    @Test
    void theDemoInspectorGetsTheAgebsOfDemoWorksOnceAndAnAdminsChoiceIsKept() {
        demoUsers.ensure(Optional.of("demo password 2026"));
        referenceData.load();
        AppUser inspector = users.findByUsername("inspector").orElseThrow();
        assertThat(inspector.role).isEqualTo(Roles.INSPECTOR);
        try {
            List<String> zones = demoAssignments.ensure();
            assertThat(zones).hasSize(DemoAssignments.ZONES);
            for (String zone : zones) {
                assertThat(db.string("SELECT zone_type FROM zone WHERE id = ?", zone)).isEqualTo("AGEB");
            }
            assertThat(assignments.of(inspector.id).zones()).extracting(Assignments.AssignedZone::zoneId)
                    .containsExactlyElementsOf(zones);
            // Each of those AGEBs holds at least one demo work, so the inspector has works to visit.
            assertThat(db.count("SELECT count(*) FROM inspector_work WHERE user_id = ?", inspector.id)).isPositive();

            // An admin empties the set: a restart does not hand the zones back.
            assignments.replace(new Actor("admin", Set.of(Roles.ADMIN)), inspector.id, List.of(), RequestLocale.SPANISH);
            assertThat(demoAssignments.ensure()).isEmpty();
            assertThat(assignments.of(inspector.id).zones()).isEmpty();
        } finally {
            db.update("DELETE FROM inspector_zone WHERE user_id = ?", inspector.id);
            db.update("DELETE FROM inspector_work WHERE user_id = ?", inspector.id);
        }
    }
}
