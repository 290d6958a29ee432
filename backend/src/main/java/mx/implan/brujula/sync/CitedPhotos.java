package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.AttachmentRows;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A citizen's item may cite only photos the citizen sent itself — the rule Open311 applies to {@code media_url},
 * through the same {@link AttachmentRows#provenance} check: a hash stored from someone else's upload (an inspector's
 * photo, say) is refused at that photo's field and nothing of the item is stored. A hash not stored yet passes, since
 * devices push observations before their photos. Staff items are not checked: they cite each other's photos at work.
 */
@ApplicationScoped
class CitedPhotos {

    static final String CODE = "PHOTO_NOT_YOURS";

    @Inject
    AttachmentRows attachments;

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
        for (BatchCreate.Prepared p : prepared) {
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
}
