package io.ferry.system;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** This server's stable id: created in the database at first start, read at every later one. */
@Singleton
public class ServerIdentity {
    private static final Logger LOG = Logger.getLogger(ServerIdentity.class);

    @Inject
    EntityManager em;
    @Inject
    io.ferry.common.FerryConfig config;

    private volatile UUID serverId;

    @Transactional
    void onStart(@Observes @Priority(10) StartupEvent event) {
        em.createNativeQuery("insert into server_info(singleton, server_id) values (true, ?1) on conflict do nothing")
                .setParameter(1, UUID.randomUUID()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select server_id from server_info", UUID.class).getResultList();
        serverId = ids.get(0);
        if (config.serverName().equals("ferry")) {
            LOG.infof("Server id %s, name 'ferry' (the default: set FERRY_SERVER_NAME, e.g. site-a, so that bundles, receipts "
                    + "and messages on other servers tell this one apart; the CLI's FERRY_SERVER is the URL it talks to)", serverId);
        } else {
            LOG.infof("Server id %s, name '%s'", serverId, config.serverName());
        }
    }

    public UUID serverId() {
        return serverId;
    }
}
