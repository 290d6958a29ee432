package mx.implan.brujula.ogc;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.http.ApiProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every collection the OGC API publishes — Brújula's own and any further {@link CollectionSource}
 * (registered reference layers) — and who may read each: public collections for anyone, staff
 * collections for supervisors and administrators.
 */
@ApplicationScoped
public class OgcCollections {

    /** More collections besides the built-in ones, read on every request (a registration needs no restart). */
    public interface CollectionSource {
        List<OgcCollection> collections();
    }

    private final List<OgcCollection> builtIn = BuiltInCollections.all();

    @Inject
    Instance<CollectionSource> sources;

    public List<OgcCollection> all() {
        List<OgcCollection> all = new ArrayList<>(builtIn);
        sources.forEach(s -> all.addAll(s.collections()));
        return all;
    }

    /** The collections {@code identity} may read, in catalogue order. */
    public List<OgcCollection> visibleTo(SecurityIdentity identity) {
        boolean staff = !identity.isAnonymous() && CurrentActor.of(identity).isSupervisor();
        return all().stream().filter(c -> c.isPublic() || staff).toList();
    }

    /** The collection, if it exists and {@code identity} may read it: 404 if unknown, 401/403 if not theirs. */
    public OgcCollection readable(String id, SecurityIdentity identity) {
        Optional<OgcCollection> found = all().stream().filter(c -> c.id().equals(id)).findFirst();
        OgcCollection c = found.orElseThrow(() -> ApiProblem.notFound("COLLECTION_NOT_FOUND", "Collection {0} does not exist", id));
        if (c.isPublic()) {
            return c;
        }
        if (identity.isAnonymous()) {
            throw new ApiProblem(401, "UNAUTHENTICATED", "Unauthorized", "A valid access token is required");
        }
        Actor actor = CurrentActor.of(identity);
        if (!actor.isSupervisor()) {
            throw ApiProblem.forbidden("STAFF_COLLECTION", "Collection {0} is for supervisors and administrators", id);
        }
        return c;
    }
}
