package io.ferry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.downstream.UpstreamIdentity;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.security.Permission;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Configure an organization's upstream, test the connection, start a sync. */
@ApplicationScoped
public class UpstreamSyncService {
    @Inject
    OrganizationRepository organizations;
    @Inject
    UpstreamConfigs configs;
    @Inject
    UpstreamIdentity identity;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public SyncDtos.UpstreamView configure(String orgRef, SyncDtos.Configure req) {
        OrganizationEntity org = organizations.require(orgRef);
        requireWhole(org);
        configs.save(org.id, req, currentUser.username());
        return view(org, configs.find(org.id));
    }

    @Transactional
    public SyncDtos.UpstreamView get(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        return view(org, configs.require(org.id, org.label));
    }

    @Transactional
    public void delete(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        requireWhole(org);
        if (!configs.delete(org.id)) {
            throw new FerryException(ErrorCode.SYNC_NOT_CONFIGURED, "Organization '" + org.label + "' follows no upstream.");
        }
    }

    /** The TLS handshake, an authenticated call, and what the organization follows there (no transaction held while talking). */
    public SyncDtos.TestReport test(String orgRef) {
        OrganizationEntity org = QuarkusTransaction.requiringNew().call(() -> organizations.require(orgRef));
        UpstreamConfigs.Config cfg = QuarkusTransaction.requiringNew().call(() -> configs.require(org.id, org.label));
        UpstreamClient client = UpstreamClient.of(identity, cfg.url());
        JsonNode status = client.get("/api/v1/status");
        List<String> followed = UpstreamScopes.followed(client, cfg).stream().map(UpstreamSyncHandler.Followed::description).toList();
        return new SyncDtos.TestReport(true, status.path("serverId").asText(), status.path("name").asText(),
                status.path("version").asText(), followed, "Connected to " + client.base() + " with this server's client "
                + "certificate; organization '" + cfg.upstreamOrganization() + "' there offers " + followed.size()
                + " followed scope(s).");
    }

    @Transactional
    public TaskView sync(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        requireWhole(org);
        configs.require(org.id, org.label);
        return tasks.submit(UpstreamSyncHandler.TYPE, Map.of("organizationId", org.id), List.of(io.ferry.imports.ImportHandler.LOCK,
                "sync:" + org.id), currentUser.username());
    }

    private static SyncDtos.UpstreamView view(OrganizationEntity org, UpstreamConfigs.Config c) {
        return new SyncDtos.UpstreamView(org.label, c.url(), c.upstreamOrganization(), c.follow(), c.environment(), c.contentViews(), c.acceptPush(),
                c.updatedBy(), c.updatedAt());
    }

    /** A narrowed importer cannot choose what an upstream sync brings, so it may not configure or run one. */
    private void requireWhole(OrganizationEntity org) {
        currentUser.requireWholeOrganization(Permission.IMPORT_CONTENT, org.id, org.label, "an upstream sync imports whatever the upstream sends for what the organization follows");
    }
}
