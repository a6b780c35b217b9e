package io.ferry.contentview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Times;
import io.ferry.common.value.VersionNumber;
import io.ferry.content.type.UnitMetadata;
import io.ferry.common.Page;
import io.ferry.common.Sql;
import io.ferry.lifecycle.LifecycleEnvironmentEntity;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.lifecycle.LifecycleEnvironmentService;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content view versions: publishing (a task that pins the repositories' latest versions), listing and
 * showing them with their units, promoting them along lifecycle paths (a task), and deleting them.
 */
@ApplicationScoped
public class ContentViewVersionService {

    @Inject
    OrganizationRepository organizations;
    @Inject
    ContentViewRepository views;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    LifecycleEnvironmentService lifecycle;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    io.ferry.common.FerryConfig ferry;

    @Transactional
    public TaskView publish(String orgRef, String cvRef, ContentViewDtos.Publish req) {
        ContentViewEntity cv = views.require(organizations.require(orgRef).id, cvRef);
        requirePublishable(cv);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("contentViewId", cv.id);
        if (req != null && req.description() != null) {
            params.put("description", io.ferry.common.value.Description.text(req.description(), "description"));
        }
        return tasks.submit(PublishHandler.TYPE, params, List.of("contentview:" + cv.id), currentUser.username());
    }

    static void requirePublishable(ContentViewEntity cv) {
        if (cv.importOnly) {
            throw new FerryException(ErrorCode.CONTENT_VIEW_IMPORT_ONLY, "Content view '" + cv.label + "' is import-only: its "
                    + "versions come from imports and it cannot be published here.", "contentView");
        }
    }

    @Transactional
    public TaskView promote(String orgRef, String cvRef, String version, ContentViewDtos.Promote req) {
        OrganizationEntity org = organizations.require(orgRef);
        ContentViewEntity cv = views.require(org.id, cvRef);
        long versionId = requireVersion(cv, VersionNumber.parse(version));
        List<Long> targets = new ArrayList<>();
        for (String ref : req.environments()) {
            targets.add(environments.require(org.id, ref).id);
        }
        checkPromotion(cv, versionId, targets, req.force());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("contentViewId", cv.id);
        params.put("versionId", versionId);
        params.put("environmentIds", targets);
        params.put("force", req.force());
        return tasks.submit(PromoteHandler.TYPE, params, List.of("contentview:" + cv.id), currentUser.username());
    }

    /**
     * The path rule: an environment right after Library may receive any version; any other only the
     * version its prior environment holds (or one promoted there earlier in the same request), unless forced.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkPromotion(ContentViewEntity cv, long versionId, List<Long> targets, boolean force) {
        List<Long> done = new ArrayList<>();
        for (Long id : targets) {
            LifecycleEnvironmentEntity env = environments.findById(id);
            if (env.library) {
                throw new FerryException(ErrorCode.PROMOTION_OUT_OF_ORDER, "Library always holds the latest published version; "
                        + "publish instead of promoting to Library.", "environments");
            }
            LifecycleEnvironmentEntity prior = environments.findById(env.priorId);
            if (!force && !prior.library && !done.contains(prior.id) && !holds(prior.id, cv.id, versionId)) {
                throw new FerryException(ErrorCode.PROMOTION_OUT_OF_ORDER, "Version " + versionLabel(versionId) + " of '" + cv.label
                        + "' is not in '" + prior.label + "', which comes before '" + env.label + "'. Promote it to '"
                        + prior.label + "' first, or force the promotion.", "environments");
            }
            done.add(env.id);
        }
    }

    private boolean holds(long environmentId, long cvId, long versionId) {
        return ((Number) em.createNativeQuery("select count(*) from environment_content_view where environment_id = ?1 "
                + "and content_view_id = ?2 and content_view_version_id = ?3").setParameter(1, environmentId).setParameter(2, cvId)
                .setParameter(3, versionId).getSingleResult()).longValue() > 0;
    }

    private String versionLabel(long versionId) {
        return (String) em.createNativeQuery("select major || '.' || minor from content_view_version where id = ?1")
                .setParameter(1, versionId).getSingleResult();
    }

    /** Takes the content view out of an environment (any version it held there). */
    @Transactional
    public void release(String orgRef, String cvRef, String envRef) {
        OrganizationEntity org = organizations.require(orgRef);
        ContentViewEntity cv = views.require(org.id, cvRef);
        LifecycleEnvironmentEntity env = environments.require(org.id, envRef);
        if (lifecycle.release(env.id, cv.id) == 0) {
            throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_NOT_FOUND, "Environment '" + env.label + "' holds no version of '"
                    + cv.label + "'.", "environment");
        }
    }

    @Transactional
    public Page<ContentViewDtos.VersionView> list(String orgRef, String cvRef, int page, int size) {
        ContentViewEntity cv = views.require(organizations.require(orgRef).id, cvRef);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from content_view_version where content_view_id = ?1 "
                + "order by major desc, minor desc limit ?2 offset ?3").setParameter(1, cv.id).setParameter(2, size)
                .setParameter(3, (long) page * size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from content_view_version where content_view_id = ?1")
                .setParameter(1, cv.id).getSingleResult()).longValue();
        return new Page<>(views(ids.stream().map(Number::longValue).toList()), page, size, total);
    }

    @Transactional
    public ContentViewDtos.VersionView get(String orgRef, String cvRef, String version) {
        ContentViewEntity cv = views.require(organizations.require(orgRef).id, cvRef);
        return view(requireVersion(cv, VersionNumber.parse(version)));
    }

    /** One page of the version's units, by repository label then relative path. */
    @Transactional
    public Page<ContentViewDtos.VersionUnit> units(String orgRef, String cvRef, String version, int page, int size) {
        ContentViewEntity cv = views.require(organizations.require(orgRef).id, cvRef);
        long versionId = requireVersion(cv, VersionNumber.parse(version));
        String from = " from content_view_version_repository p join repository r on r.id = p.repository_id "
                + "join product pr on pr.id = r.product_id join repository_content rc on rc.repository_id = p.repository_id "
                + "and rc.version_added <= p.repository_version and (rc.version_removed is null or rc.version_removed > p.repository_version) "
                + "join content_unit u on u.id = rc.unit_id where p.content_view_version_id = ?";
        return Sql.work(em, c -> {
            long total = Sql.longs(c, "select count(*)" + from, versionId)[0];
            List<ContentViewDtos.VersionUnit> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select r.label, pr.label, rc.relative_path, u.sha256, u.size, "
                    + "u.metadata::text" + from + " order by r.label, rc.relative_path limit ? offset ?")) {
                ps.setLong(1, versionId);
                ps.setInt(2, size);
                ps.setLong(3, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ContentViewDtos.VersionUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), UnitMetadata.fromJson(json, rs.getString(6))));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        });
    }

    @Transactional
    public void delete(String orgRef, String cvRef, String version) {
        ContentViewEntity cv = views.require(organizations.require(orgRef).id, cvRef);
        long versionId = requireVersion(cv, VersionNumber.parse(version));
        List<ContentViewDtos.EnvironmentRef> envs = view(versionId).environments();
        if (!envs.isEmpty()) {
            throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_IN_USE, "Version " + version + " of '" + cv.label + "' is in "
                    + "environment(s) " + envs.stream().map(ContentViewDtos.EnvironmentRef::label).toList()
                    + "; promote another version there or remove the content view from them first.", "version");
        }
        em.createNativeQuery("delete from content_view_version where id = ?1").setParameter(1, versionId).executeUpdate();
    }

    public long requireVersion(ContentViewEntity cv, VersionNumber v) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from content_view_version where content_view_id = ?1 and major = ?2 "
                + "and minor = ?3").setParameter(1, cv.id).setParameter(2, v.major()).setParameter(3, v.minor()).getResultList();
        if (ids.isEmpty()) {
            throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_NOT_FOUND, "Content view '" + cv.label + "' has no version " + v
                    + ". List its versions with GET .../content-views/" + cv.label + "/versions.", "version");
        }
        return ids.get(0).longValue();
    }

    ContentViewDtos.VersionView view(long versionId) {
        return views(List.of(versionId)).get(0);
    }

    /** The versions with these ids, in that order: three queries whatever their number (lists are a hot path). */
    List<ContentViewDtos.VersionView> views(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.toArray(Long[]::new);
        return io.ferry.common.Sql.work(em, c -> {
            java.util.Map<Long, List<ContentViewDtos.PinnedRepository>> repos = new java.util.HashMap<>();
            try (var ps = c.prepareStatement("select p.content_view_version_id, r.id, r.label, pr.label, p.repository_version from "
                    + "content_view_version_repository p join repository r on r.id = p.repository_id join product pr on pr.id = "
                    + "r.product_id where p.content_view_version_id = any(?) order by r.label")) {
                ps.setArray(1, c.createArrayOf("bigint", idArray));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        repos.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new ContentViewDtos.PinnedRepository(
                                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                    }
                }
            }
            java.util.Map<Long, List<ContentViewDtos.EnvironmentRef>> envs = new java.util.HashMap<>();
            try (var ps = c.prepareStatement("select h.content_view_version_id, e.id, e.label from environment_content_view h join "
                    + "lifecycle_environment e on e.id = h.environment_id where h.content_view_version_id = any(?) order by e.id")) {
                ps.setArray(1, c.createArrayOf("bigint", idArray));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        envs.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new ContentViewDtos.EnvironmentRef(
                                rs.getLong(2), rs.getString(3)));
                    }
                }
            }
            java.util.Map<Long, ContentViewDtos.VersionView> byId = new java.util.HashMap<>();
            try (var ps = c.prepareStatement("select id, major, minor, description, unit_count, total_size, created_by, created_at, "
                    + "provenance::text from content_view_version where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", idArray));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        int major = rs.getInt(2);
                        int minor = rs.getInt(3);
                        List<ContentViewDtos.Hop> hops = provenance(rs.getString(9));
                        byId.put(id, new ContentViewDtos.VersionView(id, major + "." + minor, major, minor, rs.getString(4),
                                rs.getLong(5), rs.getLong(6), repos.getOrDefault(id, List.of()), envs.getOrDefault(id, List.of()),
                                rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class), hops, hops.isEmpty() ? null
                                : String.join(" -> ", hops.stream().map(ContentViewDtos.Hop::serverName).toList()) + " -> "
                                + ferry.serverName()));
                    }
                }
            }
            return ids.stream().map(byId::get).toList();
        });
    }

    private List<ContentViewDtos.Hop> provenance(String jsonText) {
        try {
            return jsonText == null ? List.of() : List.of(json.readValue(jsonText, ContentViewDtos.Hop[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored provenance is not a list of hops", e);
        }
    }
}
