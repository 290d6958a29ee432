package mx.implan.brujula.authz;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * the authorization table (docs/authorization.md) and the application's routes name the same set: a new endpoint
 * without a row, or a row whose endpoint is gone, fails here and says which.
 */
class AuthorizationTableCoverageTest {

    @Test
    void everyRouteHasAReadmeRowAndEveryRowARoute() {
        SortedSet<String> routes = ApplicationRoutes.all();
        List<AuthorizationTable.Row> rows = AuthorizationTable.rows();
        Set<String> documented = new TreeSet<>();
        rows.forEach(r -> documented.add(r.route()));
        Set<String> undocumented = new LinkedHashSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> stale = new LinkedHashSet<>(documented);
        stale.removeAll(routes);
        StringBuilder problems = new StringBuilder();
        undocumented.forEach(r -> problems.append("\n  route without a row in docs/authorization.md: ").append(r)
                .append(" — add the row  | `").append(r).append("` | <citizen> | <inspector> | <supervisor> | <admin> | <anonymous> |")
                .append("  to docs/authorization.md's table, and a request fixture keyed \"").append(r)
                .append("\" to AuthorizationMatrixTest.FIXTURES"));
        stale.forEach(r -> problems.append("\n  authorization table row without a route: `").append(r)
                .append("` (no JAX-RS resource method declares it: remove or correct the row)"));
        assertThat(problems.toString()).as("docs/authorization.md vs the application's routes").isEmpty();
        assertThat(routes).as("routes found by scanning the resources").hasSizeGreaterThan(20);
    }

    @Test
    void rowKeysAreUnique() {
        Set<String> seen = new TreeSet<>();
        Set<String> duplicated = new TreeSet<>();
        for (AuthorizationTable.Row row : AuthorizationTable.rows()) {
            if (!seen.add(row.key())) {
                duplicated.add(row.key());
            }
        }
        assertThat(duplicated).as("authorization table rows listed twice").isEmpty();
    }

    @Test
    void pathParametersLoseTheirPatterns() {
        assertThat(ApplicationRoutes.join("/open311/v2", "{path: .+}")).isEqualTo("/open311/v2/{path}");
        assertThat(ApplicationRoutes.join("/api/v1/works", "import")).isEqualTo("/api/v1/works/import");
        assertThat(ApplicationRoutes.join("/aviso-de-privacidad", "")).isEqualTo("/aviso-de-privacidad");
    }
}
