package mx.implan.brujula.ogc.layers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.JsonProblems;
import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcCollections;
import mx.implan.brujula.ogc.layers.LayerViews.LayerView;
import mx.implan.brujula.ogc.layers.LayerViews.TableView;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registering tables of schema {@code layers} as OGC collections: list what is there, register,
 * change texts, audience or time column, unregister (the table stays). Every change is audited
 * (entity {@code reference_layer}) and published once its transaction commits.
 */
@ApplicationScoped
@Transactional
public class LayerRegistry {

    static final String ENTITY = "reference_layer";

    @Inject
    LayerCatalogue catalogue;
    @Inject
    LayerRequests requests;
    @Inject
    OgcCollections collections;
    @Inject
    PublishedLayers published;
    @Inject
    AuditTrail audit;
    @Inject
    EntityManager em;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A registration request; {@code id} absent → derived from the table name. */
    public record NewLayer(String table, String id, String title, String description, String audience, String timeColumn) {
    }

    /** A change; absent members stay, an empty {@code timeColumn} removes the time. */
    public record LayerChange(String title, String description, String audience, String timeColumn) {
    }

    /** The tables of the schema, registered or not, then registered tables that are gone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TableView> tables(Locale locale) {
        Map<String, ReferenceLayer> byTable = ReferenceLayer.inOrder().stream()
                .collect(Collectors.toMap(l -> l.tableName, l -> l, (a, b) -> a, LinkedHashMap::new));
        List<TableView> out = new ArrayList<>();
        for (LayerTable t : catalogue.tables().stream().sorted(Comparator.comparing(LayerTable::name)).toList()) {
            out.add(TableView.of(t, byTable.remove(t.name()), locale));
        }
        byTable.values().forEach(l -> out.add(TableView.missing(l, locale)));
        return out;
    }

    /** Whether a layer is registered under {@code id} or for {@code table} (in a transaction: callers may have no request context). */
    public boolean registered(String id, String table) {
        return ReferenceLayer.findById(id) != null || ReferenceLayer.ofTable(table) != null;
    }

    public LayerView register(Actor actor, NewLayer in, Locale locale) {
        if (in == null) {
            throw JsonProblems.objectRequired(locale);
        }
        LayerRequests.Checked checked = requests.checkNew(in, locale);
        lock();
        if (ReferenceLayer.findById(checked.id()) != null || builtInIds().contains(checked.id())) {
            throw requests.conflict("COLLECTION_ID_TAKEN", "id", "The collection id {0} is taken", locale, checked.id());
        }
        if (ReferenceLayer.ofTable(checked.table().name()) != null) {
            throw requests.conflict("LAYER_TABLE_REGISTERED", "table", "The table {0} is already registered", locale,
                    checked.table().name());
        }
        LayerTable t = checked.table();
        LayerTable.GeometryColumn g = t.geometry().orElseThrow();
        LayerTable.Column key = t.idColumn().orElseThrow();
        ReferenceLayer layer = new ReferenceLayer();
        layer.id = checked.id();
        layer.tableName = t.name();
        layer.title = checked.title();
        layer.description = checked.description();
        layer.audience = checked.audience().name();
        layer.timeColumn = checked.timeColumn().orElse(null);
        layer.geometryColumn = g.name();
        layer.geometryType = g.ogcType();
        layer.srid = g.srid();
        layer.idColumn = key.name();
        layer.idType = LayerTable.keyType(key);
        layer.registeredBy = actor.name();
        layer.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        layer.persist();
        audit.record(actor.name(), "layer.register", ENTITY, layer.id, null, state(layer));
        publishAfterCommit();
        return LayerView.of(layer);
    }

    public LayerView update(Actor actor, String id, LayerChange change, Locale locale) {
        if (change == null) {
            throw JsonProblems.objectRequired(locale);
        }
        lock();
        ReferenceLayer layer = require(id);
        LayerTable table = catalogue.table(layer.tableName).orElse(null);
        LayerRequests.Change checked = requests.checkChange(change, table, locale);
        Map<String, Object> before = state(layer);
        checked.title().ifPresent(v -> layer.title = v);
        checked.description().ifPresent(v -> layer.description = v);
        checked.audience().ifPresent(v -> layer.audience = v.name());
        checked.timeColumn().ifPresent(v -> layer.timeColumn = v.isEmpty() ? null : v);
        Map<String, Object> after = state(layer);
        if (!before.equals(after)) {
            layer.updatedBy = actor.name();
            layer.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(actor.name(), "layer.update", ENTITY, layer.id, changed(before, after), changed(after, before));
            publishAfterCommit();
        }
        return LayerView.of(layer);
    }

    /** Stops publishing the layer; the table and its rows stay in schema {@code layers}. */
    public void unregister(Actor actor, String id) {
        lock();
        ReferenceLayer layer = require(id);
        Map<String, Object> before = state(layer);
        layer.delete();
        audit.record(actor.name(), "layer.unregister", ENTITY, id, before, null);
        publishAfterCommit();
    }

    /** The ids of collections that are not registered layers: Brújula's own and any other source's. */
    private Set<String> builtInIds() {
        Set<String> registered = ReferenceLayer.inOrder().stream().map(l -> l.id).collect(Collectors.toSet());
        return collections.all().stream().map(OgcCollection::id).filter(c -> !registered.contains(c)).collect(Collectors.toSet());
    }

    /** Registrations take turns, so two admins registering the same id or table get a 409, not a constraint error. */
    private void lock() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('reference_layer'))").getSingleResult();
    }

    private void publishAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // only the outcome matters
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    published.changed();
                }
            }
        });
    }

    private static ReferenceLayer require(String id) {
        ReferenceLayer layer = id == null || id.length() > 64 ? null : ReferenceLayer.findById(id);
        if (layer == null) {
            throw ApiProblem.notFound("LAYER_NOT_FOUND", "Layer {0} is not registered", id);
        }
        return layer;
    }

    private static Map<String, Object> state(ReferenceLayer l) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", l.id);
        s.put("table", l.tableName);
        s.put("title", l.title);
        s.put("description", l.description);
        s.put("audience", l.audience);
        s.put("timeColumn", l.timeColumn);
        s.put("geometryColumn", l.geometryColumn);
        s.put("srid", l.srid);
        return s;
    }

    private static Map<String, Object> changed(Map<String, Object> side, Map<String, Object> other) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", side.get("id"));
        side.forEach((k, v) -> {
            if (!Objects.equals(v, other.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }
}
