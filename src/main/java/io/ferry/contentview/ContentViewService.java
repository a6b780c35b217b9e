package io.ferry.contentview;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.common.Labels;
import io.ferry.common.Page;
import io.ferry.content.ProductEntity;
import io.ferry.content.ProductRepository;
import io.ferry.content.RepoEntity;
import io.ferry.content.RepoRepository;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Content views: named selections of an organization's repositories, published into versions. */
@ApplicationScoped
public class ContentViewService {
    /** Serves repositories' latest versions under /content/{org}/Library/custom/...; no content view may take it. */

    @Inject
    OrganizationRepository organizations;
    @Inject
    ContentViewRepository views;
    @Inject
    ProductRepository products;
    @Inject
    RepoRepository repos;
    @Inject
    EntityManager em;
    @Inject
    io.ferry.security.Visibility visibility;

    @Transactional
    public ContentViewDtos.ContentViewView create(String orgRef, ContentViewDtos.CreateContentView req) {
        OrganizationEntity org = organizations.require(orgRef);
        String label = ContentViewLabels.require(Labels.labelOrDerive(req.label(), req.name(), "label"), "label").value();
        if (views.findByLabel(org.id, label).isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "A content view with label '" + label + "' already exists in "
                    + "organization '" + org.label + "'. Choose another label.", "label");
        }
        List<RepoEntity> selected = resolve(org, req.repositories());
        ContentViewEntity cv = new ContentViewEntity();
        cv.organizationId = org.id;
        cv.label = label;
        cv.name = Name.of(req.name(), "name").value();
        cv.description = Description.text(req.description(), "description");
        cv.importOnly = req.importOnly();
        views.persist(cv);
        views.flush();
        setRepositories(cv, selected);
        em.refresh(cv);
        return view(org, cv);
    }

    @Transactional
    public Page<ContentViewDtos.ContentViewView> list(String orgRef, int page, int size) {
        OrganizationEntity org = organizations.require(orgRef);
        java.util.Set<Long> visible = visibility.of(io.ferry.security.RoleScope.Kind.CONTENT_VIEW, org.id);
        if (visible != null && visible.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        if (visible == null) {
            var q = views.find("organizationId", Sort.by("label"), org.id);
            return new Page<>(viewsOf(org, q.page(page, size).list()), page, size, q.count());
        }
        io.ferry.common.VisiblePage.Ids ids = io.ferry.common.VisiblePage.of(em, "content_view", "organization_id = ?", List.of(org.id),
                visible, page, size);
        List<ContentViewEntity> rows = ids.ids().isEmpty() ? List.of() : views.find("id in ?1", Sort.by("label"), ids.ids()).list();
        return new Page<>(viewsOf(org, rows), page, size, ids.total());
    }

    @Transactional
    public ContentViewDtos.ContentViewView get(String orgRef, String cvRef) {
        OrganizationEntity org = organizations.require(orgRef);
        return view(org, views.require(org.id, cvRef));
    }

    @Transactional
    public ContentViewDtos.ContentViewView update(String orgRef, String cvRef, ContentViewDtos.UpdateContentView req) {
        OrganizationEntity org = organizations.require(orgRef);
        ContentViewEntity cv = views.require(org.id, cvRef);
        if (req.name() != null) {
            cv.name = Name.of(req.name(), "name").value();
        }
        if (req.description() != null) {
            cv.description = Description.text(req.description(), "description");
        }
        if (req.repositories() != null) {
            setRepositories(cv, resolve(org, req.repositories()));
        }
        cv.updatedAt = OffsetDateTime.now();
        return view(org, cv);
    }

    /** Deletes the view with its versions, unless an environment other than Library holds one of them. */
    @Transactional
    public void delete(String orgRef, String cvRef) {
        OrganizationEntity org = organizations.require(orgRef);
        ContentViewEntity cv = views.require(org.id, cvRef);
        @SuppressWarnings("unchecked")
        List<String> envs = em.createNativeQuery("select e.label from environment_content_view h join lifecycle_environment e "
                + "on e.id = h.environment_id where h.content_view_id = ?1 and not e.library order by e.id")
                .setParameter(1, cv.id).getResultList();
        if (!envs.isEmpty()) {
            throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_IN_USE, "Content view '" + cv.label + "' is in environment(s) "
                    + envs + "; remove it from them first.", "contentView");
        }
        em.createNativeQuery("delete from environment_content_view where content_view_id = ?1").setParameter(1, cv.id).executeUpdate();
        views.delete(cv);
    }

    /** Repositories named by id or {@code product/repository}, all of this organization, with distinct labels. */
    List<RepoEntity> resolve(OrganizationEntity org, List<String> refs) {
        List<RepoEntity> out = new ArrayList<>();
        Map<String, RepoEntity> byLabel = new HashMap<>();
        for (String ref : refs == null ? List.<String>of() : refs) {
            RepoEntity r = resolveOne(org, ref);
            RepoEntity clash = byLabel.putIfAbsent(r.label, r);
            if (clash != null && !clash.id.equals(r.id)) {
                throw new FerryException(ErrorCode.CONTENT_VIEW_REPOSITORY_CONFLICT, "Two repositories labelled '" + r.label
                        + "' cannot be in one content view: its content is served as /content/{org}/{env}/{view}/" + r.label
                        + "/. Keep one of them.", "repositories");
            }
            if (clash == null) {
                out.add(r);
            }
        }
        return out;
    }

    private RepoEntity resolveOne(OrganizationEntity org, String ref) {
        if (ref != null && Labels.isId(ref)) {
            RepoEntity r = repos.findById(Long.parseLong(ref));
            if (r != null && products.findById(r.productId).organizationId == org.id) {
                return r;
            }
        } else if (ref != null && ref.indexOf('/') > 0) {
            String[] pr = ref.split("/", 2);
            ProductEntity p = products.findByLabel(org.id, pr[0]).orElse(null);
            if (p != null) {
                RepoEntity r = repos.findByLabel(p.id, pr[1]).orElse(null);
                if (r != null) {
                    return r;
                }
            }
        }
        throw new FerryException(ErrorCode.REPOSITORY_NOT_FOUND, "No repository '" + ref + "' in organization '" + org.label
                + "'; name repositories by id or as product/repository labels.", "repositories");
    }

    private void setRepositories(ContentViewEntity cv, List<RepoEntity> selected) {
        em.createNativeQuery("delete from content_view_repository where content_view_id = ?1").setParameter(1, cv.id).executeUpdate();
        for (RepoEntity r : selected) {
            em.createNativeQuery("insert into content_view_repository (content_view_id, repository_id) values (?1, ?2)")
                    .setParameter(1, cv.id).setParameter(2, r.id).executeUpdate();
        }
    }

    ContentViewDtos.ContentViewView view(OrganizationEntity org, ContentViewEntity cv) {
        return viewsOf(org, List.of(cv)).get(0);
    }

    /** Views of a page of content views: their repositories and version counts in two queries for the whole page. */
    private List<ContentViewDtos.ContentViewView> viewsOf(OrganizationEntity org, List<ContentViewEntity> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Long[] ids = page.stream().map(cv -> cv.id).toArray(Long[]::new);
        java.util.Map<Long, List<ContentViewDtos.RepositoryRef>> repositories = new java.util.HashMap<>();
        java.util.Map<Long, Object[]> latest = new java.util.HashMap<>();
        io.ferry.common.Sql.work(em, c -> {
            io.ferry.common.Sql.rows(c, "select c.content_view_id, r.id, r.label, p.label from content_view_repository c join "
                    + "repository r on r.id = c.repository_id join product p on p.id = r.product_id where c.content_view_id = any(?) "
                    + "order by c.content_view_id, r.label", rs -> repositories.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                    .add(new ContentViewDtos.RepositoryRef(rs.getLong(2), rs.getString(3), rs.getString(4))), (Object) ids);
            return io.ferry.common.Sql.rows(c, "select distinct on (content_view_id) content_view_id, count(*) over (partition by "
                    + "content_view_id), major || '.' || minor from content_view_version where content_view_id = any(?) order by "
                    + "content_view_id, major desc, minor desc", rs -> latest.put(rs.getLong(1), new Object[] {rs.getLong(2),
                    rs.getString(3)}), (Object) ids);
        });
        return page.stream().map(cv -> {
            Object[] l = latest.getOrDefault(cv.id, new Object[] {0L, null});
            return new ContentViewDtos.ContentViewView(cv.id, cv.label, cv.name, cv.description, cv.importOnly, OrganizationRef.of(org),
                    List.copyOf(repositories.getOrDefault(cv.id, List.of())), (String) l[1], (Long) l[0], cv.createdAt, cv.updatedAt);
        }).toList();
    }
}
