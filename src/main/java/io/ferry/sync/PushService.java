package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Label;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import io.ferry.trust.Pem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a push request and starts its task ({@link PushHandler}). */
@ApplicationScoped
public class PushService {
    @Inject
    OrganizationRepository organizations;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;
    @Inject
    EntityManager em;

    @Transactional
    public TaskView push(String name, PushDtos.PushRequest req) {
        if (req == null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give url, caPem and organization.", "url");
        }
        String downstream = Label.of(name, "name").value();
        long[] enrolled = Sql.work(em, c -> Sql.longs(c, "select count(*) from downstream_server d join downstream_certificate c on "
                + "c.downstream_id = d.id where d.name = ? and c.revoked_at is null", downstream));
        if (enrolled[0] == 0) {
            throw new FerryException(ErrorCode.DOWNSTREAM_NOT_FOUND, "No enrolled downstream server '" + downstream + "' with a "
                    + "certificate that is not revoked: approve its request first (ferry downstream-server approve).", "name");
        }
        String url = UpstreamClient.url(req.url()).toString();
        if (req.caPem() == null || req.caPem().isBlank()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give the downstream's CA (--ca-file), which issued its HTTPS "
                    + "certificate.", "caPem");
        }
        Pem.certificates(req.caPem(), "caPem");
        OrganizationEntity org = organizations.require(req.organization());
        String there = req.downstreamOrganization() == null ? org.label : Label.of(req.downstreamOrganization(),
                "downstreamOrganization").value();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", org.id);
        params.put("downstream", downstream);
        params.put("url", url);
        params.put("caPem", req.caPem());
        params.put("downstreamOrganization", there);
        if (req.contentView() != null) {
            String cv = Label.of(req.contentView(), "contentView").value();
            String version = req.version() != null ? req.version() : Sql.work(em, c -> Sql.firstString(c, "select v.major || '.' || "
                    + "v.minor from content_view_version v join content_view cv on cv.id = v.content_view_id where cv.organization_id "
                    + "= ? and cv.label = ? order by v.major desc, v.minor desc limit 1", org.id, cv));
            if (version == null) {
                throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_NOT_FOUND, "Content view '" + cv + "' of organization '"
                        + org.label + "' has no published version to push.", "contentView");
            }
            params.put("contentView", cv);
            params.put("version", version);
        }
        return tasks.submit(PushHandler.TYPE, params, List.of("push:" + downstream), currentUser.username());
    }
}
