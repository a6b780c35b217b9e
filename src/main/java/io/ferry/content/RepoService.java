package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.common.Labels;
import io.ferry.common.Page;
import io.ferry.content.ProductDtos.ProductRef;
import io.ferry.content.type.ContentTypes;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.remote.RemoteTls;
import io.ferry.security.CurrentUser;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;

/** Repositories: typed content containers in a product, each change making a new numbered version. */
@ApplicationScoped
public class RepoService {
    @Inject
    OrganizationRepository organizations;
    @Inject
    io.ferry.remote.FileRemotes fileRemotes;
    @Inject
    ProductRepository products;
    @Inject
    RepoRepository repos;
    @Inject
    RepoLocator locator;
    @Inject
    ContentTypes types;
    @Inject
    RepoContentQueries queries;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public RepoDtos.RepositoryView create(String orgRef, String productRef, RepoDtos.CreateRepository req) {
        OrganizationEntity org = organizations.require(orgRef);
        ProductEntity product = products.require(org.id, productRef);
        String label = Labels.labelOrDerive(req.label(), req.name(), "label");
        if (repos.findByLabel(product.id, label).isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "A repository with label '" + label + "' already exists in product '"
                    + product.label + "'. Choose another label.", "label");
        }
        RepoEntity r = new RepoEntity();
        r.productId = product.id;
        r.label = label;
        r.name = Name.of(req.name(), "name").value();
        r.description = Description.text(req.description(), "description");
        r.contentType = types.require(req.contentType() == null ? "file" : req.contentType()).id();
        setRemote(r, req.remote());
        repos.persist(r);
        repos.flush();
        repos.getEntityManager().createNativeQuery("insert into repository_version (repository_id, number, unit_count, total_size, "
                + "added_count, removed_count, created_by) values (?1, 0, 0, 0, 0, 0, ?2)")
                .setParameter(1, r.id).setParameter(2, currentUser.username()).executeUpdate();
        repos.getEntityManager().refresh(r);
        return view(new RepoLocator.Located(org, product, r));
    }

    @Transactional
    public Page<RepoDtos.RepositoryView> list(String orgRef, String productRef, int page, int size) {
        OrganizationEntity org = organizations.require(orgRef);
        ProductEntity product = products.require(org.id, productRef);
        var q = repos.find("productId", Sort.by("label"), product.id);
        java.util.List<RepoEntity> rows = q.page(page, size).list();
        java.util.Map<Long, long[]> latest = latestCounts(rows);
        return new Page<>(rows.stream().map(r -> view(new RepoLocator.Located(org, product, r),
                latest.getOrDefault(r.id, new long[2]))).toList(), page, size, q.count());
    }

    @Transactional
    public RepoDtos.RepositoryView get(String orgRef, String productRef, String repoRef) {
        return view(locator.locate(orgRef, productRef, repoRef));
    }

    @Transactional
    public RepoDtos.RepositoryView update(String orgRef, String productRef, String repoRef, RepoDtos.UpdateRepository req) {
        RepoLocator.Located l = locator.locate(orgRef, productRef, repoRef);
        RepoEntity r = l.repository();
        if (req.name() != null) {
            r.name = Name.of(req.name(), "name").value();
        }
        if (req.description() != null) {
            r.description = Description.text(req.description(), "description");
        }
        if (req.removeRemote()) {
            setRemote(r, null);
        } else if (req.remote() != null) {
            setRemote(r, req.remote());
        }
        r.updatedAt = OffsetDateTime.now();
        return view(l);
    }

    @Transactional
    public void delete(String orgRef, String productRef, String repoRef) {
        RepoEntity r = locator.locate(orgRef, productRef, repoRef).repository();
        repos.requireNotPinned(r);
        repos.delete(r);
    }

    RepoDtos.RepositoryView view(RepoLocator.Located l) {
        RepoVersionDtos.VersionView latest = queries.version(l.repository(), l.repository().latestVersion);
        return view(l, new long[] {latest.unitCount(), latest.totalSize()});
    }

    /** {@code latest}: the latest version's unit count and total size. */
    private RepoDtos.RepositoryView view(RepoLocator.Located l, long[] latest) {
        RepoEntity r = l.repository();
        return new RepoDtos.RepositoryView(r.id, r.label, r.name, r.description, r.contentType, OrganizationRef.of(l.organization()),
                new ProductRef(l.product().id, l.product().label), r.latestVersion, latest[0], latest[1],
                RepoDtos.RemoteView.of(r), l.contentPath(), r.createdAt, r.updatedAt);
    }

    /** The latest version's unit count and total size of each repository of a page, in one query. */
    private java.util.Map<Long, long[]> latestCounts(java.util.List<RepoEntity> page) {
        java.util.Map<Long, long[]> out = new java.util.HashMap<>();
        if (page.isEmpty()) {
            return out;
        }
        Long[] ids = page.stream().map(r -> r.id).toArray(Long[]::new);
        io.ferry.common.Sql.work(repos.getEntityManager(), c -> io.ferry.common.Sql.rows(c, "select v.repository_id, v.unit_count, v.total_size from "
                + "repository r join repository_version v on v.repository_id = r.id and v.number = r.latest_version "
                + "where r.id = any(?)", rs -> out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}), (Object) ids));
        return out;
    }

    @Inject
    io.ferry.remote.RemoteSecrets remoteSecrets;

    private void setRemote(RepoEntity r, RepoDtos.RemoteSettings remote) {
        if (remote == null) {
            r.remoteUrl = null;
            r.remoteCaCert = null;
            r.remoteClientCert = null;
            r.remoteClientKey = null;
            r.remoteUsername = null;
            r.remotePassword = null;
            r.remoteTlsVerify = true;
            return;
        }
        r.remoteUrl = requireUrl(remote.url());
        r.remoteCaCert = blankToNull(remote.caCert());
        r.remoteClientCert = blankToNull(remote.clientCert());
        String clientKey = blankToNull(remote.clientKey());
        r.remoteUsername = blankToNull(remote.username());
        r.remoteTlsVerify = remote.tlsVerify() == null || remote.tlsVerify();
        RemoteTls.context(r.remoteCaCert, r.remoteClientCert, clientKey, r.remoteTlsVerify);
        // the key and the password are kept sealed with the server's secret key (see RemoteSecrets)
        r.remoteClientKey = remoteSecrets.seal(clientKey, io.ferry.remote.RemoteSecrets.CLIENT_KEY);
        r.remotePassword = remoteSecrets.seal(blankToNull(remote.password()), io.ferry.remote.RemoteSecrets.PASSWORD);
    }

    String requireUrl(String url) {
        if (io.ferry.remote.FileRemotes.isFile(url)) {
            fileRemotes.requireAllowed(url);
            return url.endsWith("/") ? url : url + "/";
        }
        try {
            URI u = new URI(url);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && u.getUserInfo() == null) {
                return url.endsWith("/") ? url : url + "/";
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new FerryException(ErrorCode.VALIDATION_FAILED, "The remote URL must be an http:// or https:// URL of the directory "
                + "holding the manifest, without credentials in it (use username/password), or file:///DIR/ for a mounted "
                + "directory tree; got '" + url + "'.", "remote.url");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
