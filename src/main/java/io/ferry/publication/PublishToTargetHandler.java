package io.ferry.publication;

import io.ferry.organization.OrganizationRepository;
import io.ferry.serving.PublishedRepository;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The publication task: every library of the request into the target's bucket, one after the other. */
@ApplicationScoped
public class PublishToTargetHandler implements TaskHandler {
    public static final String TYPE = "publish-to-target";

    @Inject
    PublicationTargets targets;
    @Inject
    LibraryPublisher publisher;
    @Inject
    PublicationConfig config;
    @Inject
    EntityManager em;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) throws Exception {
        long orgId = ((Number) ctx.params().get("organizationId")).longValue();
        Target target = targets.open(orgId, ((Number) ctx.params().get("targetId")).longValue());
        String org = orgLabel(orgId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> libraries = (List<Map<String, Object>>) ctx.params().get("libraries");
        LibraryPublisher.Counts counts = new LibraryPublisher.Counts();
        List<String> urls = new ArrayList<>();
        try (Bucket bucket = Bucket.open(target, config)) {
            bucket.check();
            for (Map<String, Object> l : libraries) {
                String path = (String) l.get("path");
                PublishedRepository repo = new PublishedRepository(((Number) l.get("repositoryId")).longValue(),
                        ((Number) l.get("version")).intValue(), (String) l.get("contentType"), (String) l.get("label"));
                publisher.publish(bucket, org, path, repo, ctx, counts);
                urls.add(target.key(path) + "/lib.json");
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("target", target.name());
        result.put("bucket", target.bucket());
        result.put("libraries", urls);
        result.put("uploaded", counts.uploaded.get());
        result.put("uploadedBytes", counts.uploadedBytes.get());
        result.put("unchanged", counts.unchanged.get());
        result.put("documentsUploaded", counts.documents.get());
        result.put("deleted", counts.deleted.get());
        return result;
    }

    @Transactional
    String orgLabel(long orgId) {
        return OrganizationRepository.labelOf(em, orgId);
    }
}
