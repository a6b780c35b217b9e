package io.ferry.remote;

import io.ferry.security.SecretBox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A remote's client key and password are stored sealed with the server's secret key ({@link SecretBox}), opened only
 * by the sync that uses them. Rows written by earlier versions in the clear are sealed at start-up.
 */
@ApplicationScoped
public class RemoteSecrets {
    public static final String CLIENT_KEY = "repository-remote/client-key";
    public static final String PASSWORD = "repository-remote/password";
    private static final Logger LOG = Logger.getLogger(RemoteSecrets.class);
    private static final String SEALED = "v1:";

    @Inject
    SecretBox box;
    @Inject
    EntityManager em;

    public String seal(String plain, String purpose) {
        return plain == null ? null : box.seal(plain, purpose);
    }

    public String open(String stored, String purpose) {
        if (stored == null) {
            return null;
        }
        return stored.startsWith(SEALED) ? box.open(stored, purpose) : stored;
    }

    @Transactional
    void sealOlderRows(@Observes StartupEvent start) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, remote_client_key, remote_password from repository where "
                + "(remote_client_key is not null and remote_client_key not like 'v1:%') or (remote_password is not null and "
                + "remote_password not like 'v1:%') for update").getResultList();
        for (Object[] r : rows) {
            em.createNativeQuery("update repository set remote_client_key = ?1, remote_password = ?2 where id = ?3")
                    .setParameter(1, sealIfClear((String) r[1], CLIENT_KEY)).setParameter(2, sealIfClear((String) r[2], PASSWORD))
                    .setParameter(3, r[0]).executeUpdate();
        }
        if (!rows.isEmpty()) {
            LOG.infof("Sealed the stored client keys and passwords of %d repository remotes with the server's secret key", rows.size());
        }
    }

    private String sealIfClear(String v, String purpose) {
        return v == null || v.startsWith(SEALED) ? v : box.seal(v, purpose);
    }
}
