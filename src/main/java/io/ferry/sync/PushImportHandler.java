package io.ferry.sync;

import io.ferry.imports.ImportHandler;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Imports a bundle an upstream pushed (task type {@value #TYPE}), then removes it; a failure changes no content. A
 * bundle the upstream's certificate pushed must be of what this organization follows ({@link SyncExpectation#ofPush}).
 */
@ApplicationScoped
public class PushImportHandler implements TaskHandler {
    public static final String TYPE = "push.import";

    @Inject
    ImportHandler importer;
    @Inject
    OrganizationRepository organizations;
    @Inject
    PartialTransfers partials;
    @Inject
    UpstreamConfigs configs;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        long orgId = ((Number) ctx.params().get("organizationId")).longValue();
        Path file = Path.of((String) ctx.params().get("path"));
        try {
            OrganizationEntity org = organizations.requireForTask(orgId, "the import of the pushed bundle");
            java.util.function.Consumer<io.ferry.imports.bundle.ManifestHeader> expect = h -> { };
            if (ctx.user() != null && ctx.user().startsWith(io.ferry.common.value.Actor.UPSTREAM)) {
                UpstreamConfigs.Config cfg = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                        .call(() -> configs.require(orgId, org.label));
                expect = SyncExpectation.ofPush(cfg, ctx.user(), (String) ctx.params().get("pusherServerId"));
            }
            Map<String, Object> result = importer.importBundle(ctx, org, file, null, List.of(), expect);
            partials.forget(orgId);
            return result;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // removed with the organization's next sync leftovers
            }
        }
    }
}
