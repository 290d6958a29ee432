package mx.implan.brujula.auth.token;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class SigningKeyServiceTest {

    @Inject
    SigningKeyService keys;

    @Inject
    EntityManager em;

    @Test
    void twoCallsReturnTheSameKey() {
        assertThat(keys.current().kid()).isEqualTo(keys.current().kid());
    }

    @Test
    void keyIsPersistedAndSurvivesARestart() {
        SigningKeyService.ActiveKey before = keys.current();
        keys.forgetCached();

        SigningKeyService.ActiveKey after = keys.current();

        assertThat(after.kid()).isEqualTo(before.kid());
        assertThat(after.publicKey().getEncoded()).isEqualTo(before.publicKey().getEncoded());
        assertThat(after.privateKey().getEncoded()).isEqualTo(before.privateKey().getEncoded());
        assertThat(activeKeys()).containsExactly(before.kid());
    }

    @Test
    void instancesStartingTogetherOnAnEmptyTableShareOneNewKey() throws Exception {
        Object[] original = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT kid, algorithm, private_key, public_key, created_at FROM signing_key WHERE active").getSingleResult());
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM signing_key").executeUpdate());
            CountDownLatch start = new CountDownLatch(1);
            Callable<String> instance = () -> {
                start.await();
                return keys.ensureKey().kid();
            };
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<String>> kids = List.of(pool.submit(instance), pool.submit(instance), pool.submit(instance));
                start.countDown();
                String first = kids.get(0).get();
                assertThat(kids.get(1).get()).isEqualTo(first);
                assertThat(kids.get(2).get()).isEqualTo(first);
                assertThat(first).isNotEqualTo(original[0]);
                assertThat(activeKeys()).containsExactly(first);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            // Put the original key back: the running application verifies tokens with it.
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("DELETE FROM signing_key").executeUpdate();
                em.createNativeQuery("INSERT INTO signing_key (kid, algorithm, private_key, public_key, active, created_at) "
                                + "VALUES (?1, ?2, ?3, ?4, true, ?5)")
                        .setParameter(1, original[0]).setParameter(2, original[1]).setParameter(3, original[2])
                        .setParameter(4, original[3]).setParameter(5, original[4])
                        .executeUpdate();
            });
            keys.forgetCached();
        }
        assertThat(keys.current().kid()).isEqualTo(original[0]);
    }

    @SuppressWarnings("unchecked")
    private List<String> activeKeys() {
        return QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT kid FROM signing_key WHERE active").getResultList());
    }
}
