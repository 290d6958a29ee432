package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import mx.implan.brujula.attachments.AttachmentRows;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A citizen's item may cite only photos the citizen sent itself — the rule Open311 applies to {@code media_url},
 * through the same {@link AttachmentRows#provenance} check: a hash stored from someone else's upload (an inspector's
 * photo, say) is refused at that photo's field and nothing of the item is stored. A hash not stored yet passes, since
 * devices push observations before their photos. Staff items are not checked: they cite each other's photos at work.
 * A replay of a write already applied is not checked again: it answers what it answered the first time, even if
 * someone else has since uploaded the same bytes first.
 */
@ApplicationScoped
class CitedPhotos {

    static final String CODE = "PHOTO_NOT_YOURS";

    @Inject
    AttachmentRows attachments;
    @Inject
    DataSource dataSource;

    /** The REJECTED result of each prepared item, by its index in the push, that cites someone else's photo; one query. */
    Map<Integer, PushResult> refusals(PushContext ctx, List<BatchCreate.Prepared> prepared) {
        Map<Integer, PushResult> refused = new HashMap<>();
        if (ctx.actor().isStaff()) {
            return refused;
        }
        Set<String> cited = new LinkedHashSet<>();
        prepared.forEach(p -> p.mine().photosOrEmpty().forEach(photo -> cited.add(photo.sha256())));
        if (cited.isEmpty()) {
            return refused;
        }
        Set<String> others = attachments.provenance(ctx.actor().name(), cited).othersPhotos();
        if (others.isEmpty()) {
            return refused;
        }
        Set<UUID> replays = applied(ctx.actor().name(), prepared);
        for (BatchCreate.Prepared p : prepared) {
            if (replays.contains(p.mine().opId())) {
                continue;
            }
            List<PhotoRef> photos = p.mine().photosOrEmpty();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                if (others.contains(photos.get(i).sha256())) {
                    errors.add(new FieldError("photos[" + i + "].sha256", CODE, SyncMessages.text(CODE, ctx.locale())));
                }
            }
            if (!errors.isEmpty()) {
                refused.put(p.index(), PushResult.rejected(p.mine().id(), p.mine().opId(), errors));
            }
        }
        return refused;
    }

    /** The opIds among these items this actor already applied (rare path: only when someone else's photo is cited). */
    private Set<UUID> applied(String actor, List<BatchCreate.Prepared> prepared) {
        Set<UUID> applied = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT op_id FROM applied_op WHERE op_id = ANY(?) AND actor = ?")) {
            ps.setArray(1, c.createArrayOf("uuid", prepared.stream().map(p -> p.mine().opId()).toArray()));
            ps.setString(2, actor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return applied;
    }
}
