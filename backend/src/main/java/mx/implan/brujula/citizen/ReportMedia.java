package mx.implan.brujula.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Where a report's media came from, kept with the report for moderators: each photo was sent inside
 * the request ({@code REPORT_MEDIA}) or uploaded earlier by the reporting account
 * ({@code ACCOUNT_UPLOAD}); each external {@code media_url} is a link, kept as given (by the
 * SHA-256 of its text) and never fetched.
 */
@ApplicationScoped
public class ReportMedia {

    public static final String REPORT_MEDIA = "REPORT_MEDIA";
    public static final String ACCOUNT_UPLOAD = "ACCOUNT_UPLOAD";

    @Inject
    EntityManager em;

    /** In the report's own transaction, right after its row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID id, ReportForm form, String reporter) {
        for (String sha : form.photos()) {
            em.createNativeQuery("""
                            INSERT INTO citizen_report_photo (observation_id, sha256, origin, uploaded_by)
                            VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                    .setParameter(1, id).setParameter(2, sha)
                    .setParameter(3, form.media().contains(sha) ? REPORT_MEDIA : ACCOUNT_UPLOAD).setParameter(4, reporter)
                    .executeUpdate();
        }
        int position = 0;
        for (String url : form.links()) {
            String hash = linkId(url);
            em.createNativeQuery("INSERT INTO citizen_media_link (url_sha256, url) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, hash).setParameter(2, url).executeUpdate();
            em.createNativeQuery("""
                            INSERT INTO citizen_report_link (observation_id, url_sha256, position)
                            VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING""")
                    .setParameter(1, id).setParameter(2, hash).setParameter(3, position++).executeUpdate();
        }
    }

    /** A link's identity: the SHA-256 of its text as sent (what moderation decides on). */
    public static String linkId(String url) {
        return ReportForm.sha256(url);
    }
}
