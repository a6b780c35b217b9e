package io.ferry.publication;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.security.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.List;

/** Creates, lists, shows and deletes publication targets; opens their sealed credentials for the publisher only. */
@ApplicationScoped
public class PublicationTargets {
    private static final String COLUMNS = "select id, name, endpoint, bucket, prefix, region, path_style, tls_required, description, "
            + "created_by, created_at, organization_id, access_key_sealed, secret_key_sealed from publication_target ";

    @Inject
    EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    SecretBox secrets;
    @Inject
    CurrentUser currentUser;
    @Inject
    PublicationConfig config;

    /** Checks the bucket with the credentials first: a target that cannot be published to is not stored. */
    @Transactional
    public PublicationDtos.TargetView create(String orgRef, PublicationDtos.CreateTarget req) {
        OrganizationEntity org = organizations.require(orgRef);
        String name = req.name().strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A target name is letters, digits, '.', '_' and '-', starting "
                    + "with a letter or digit (--name).", "name");
        }
        if (!em.createNativeQuery("select 1 from publication_target where organization_id = ?1 and name = ?2").setParameter(1, org.id)
                .setParameter(2, name).getResultList().isEmpty()) {
            throw new FerryException(ErrorCode.PUBLICATION_TARGET_EXISTS, "The organization already has a publication target '"
                    + name + "'; delete it first or choose another --name.", "name");
        }
        boolean tlsRequired = req.tlsRequired() == null || req.tlsRequired();
        String endpoint = endpoint(req.endpoint().strip(), tlsRequired);
        String bucket = req.bucket().strip();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "'" + bucket + "' is not an S3 bucket name (3-63 lower-case "
                    + "letters, digits, '.' and '-') (--bucket).", "bucket");
        }
        String prefix = prefix(req.prefix());
        String region = req.region() == null || req.region().isBlank() ? "us-east-1" : req.region().strip();
        boolean pathStyle = req.pathStyle() != null && req.pathStyle();
        Target probe = new Target(0, org.id, name, endpoint, bucket, prefix, region, pathStyle, req.accessKeyId(), req.secretAccessKey());
        try (Bucket b = Bucket.open(probe, config)) {
            b.check();
        }
        long id = ((Number) em.createNativeQuery("insert into publication_target (organization_id, name, endpoint, bucket, prefix, "
                + "region, path_style, tls_required, access_key_sealed, secret_key_sealed, description, created_by) values (?1, ?2, ?3, "
                + "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) returning id").setParameter(1, org.id).setParameter(2, name)
                .setParameter(3, endpoint).setParameter(4, bucket).setParameter(5, prefix).setParameter(6, region)
                .setParameter(7, pathStyle).setParameter(8, tlsRequired)
                .setParameter(9, secrets.seal(req.accessKeyId(), purpose(org.id, name, "access-key")))
                .setParameter(10, secrets.seal(req.secretAccessKey(), purpose(org.id, name, "secret-key")))
                .setParameter(11, req.description()).setParameter(12, currentUser.username()).getSingleResult()).longValue();
        return view(row(org.id, "id = ?2", id));
    }

    @Transactional
    public List<PublicationDtos.TargetView> list(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + "where organization_id = ?1 order by name").setParameter(1, org.id)
                .getResultList();
        return rows.stream().map(PublicationTargets::view).toList();
    }

    @Transactional
    public PublicationDtos.TargetView get(String orgRef, String name) {
        return view(require(organizations.require(orgRef).id, name));
    }

    @Transactional
    public PublicationDtos.TargetView delete(String orgRef, String name) {
        OrganizationEntity org = organizations.require(orgRef);
        Object[] r = require(org.id, name);
        em.createNativeQuery("delete from publication_target where id = ?1").setParameter(1, r[0]).executeUpdate();
        return view(r);
    }

    /** The target's row id, for a publication request. */
    @Transactional(Transactional.TxType.MANDATORY)
    long idOf(long orgId, String name) {
        return ((Number) require(orgId, name)[0]).longValue();
    }

    /** The target with its credentials opened, for the publisher; fails when it was deleted meanwhile. */
    @Transactional
    Target open(long orgId, long id) {
        Object[] r = row(orgId, "id = ?2", id);
        if (r == null) {
            throw new FerryException(ErrorCode.PUBLICATION_TARGET_NOT_FOUND, "The publication target was deleted before the "
                    + "publication ran; see 'ferry publication-target list'.", "target");
        }
        String name = (String) r[1];
        return new Target(id, orgId, name, (String) r[2], (String) r[3], (String) r[4], (String) r[5], (Boolean) r[6],
                secrets.open((String) r[12], purpose(orgId, name, "access-key")),
                secrets.open((String) r[13], purpose(orgId, name, "secret-key")));
    }

    private Object[] require(long orgId, String name) {
        Object[] r = row(orgId, "name = ?2", name);
        if (r == null) {
            throw new FerryException(ErrorCode.PUBLICATION_TARGET_NOT_FOUND, "The organization has no publication target '" + name
                    + "'. See 'ferry publication-target list'.", "target");
        }
        return r;
    }

    private Object[] row(long orgId, String where, Object value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + "where organization_id = ?1 and " + where).setParameter(1, orgId)
                .setParameter(2, value).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String purpose(long orgId, String name, String what) {
        return "publication-target/" + orgId + "/" + name + "/" + what;
    }

    static String endpoint(String endpoint, boolean tlsRequired) {
        URI u;
        try {
            u = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null || u.getUserInfo() != null
                || u.getQuery() != null || u.getFragment() != null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "'" + endpoint + "' is not an S3 endpoint URL: give "
                    + "https://HOST[:PORT] without credentials or query (--endpoint).", "endpoint");
        }
        if (tlsRequired && !u.getScheme().equals("https")) {
            throw new FerryException(ErrorCode.PUBLICATION_TLS_REQUIRED, "The endpoint " + endpoint + " is not https, and the "
                    + "publisher's credentials and the content would cross the network in the clear. Use the bucket's https "
                    + "endpoint, or --no-tls-required for an object store on a network you trust.", "endpoint");
        }
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    static String prefix(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String s : p.split("/", -1)) {
            if (!p.isEmpty() && (s.isEmpty() || s.equals(".") || s.equals("..") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f
                    || c == '\\'))) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "The prefix '" + prefix + "' is not a clean key prefix "
                        + "(segments without '.', '..', control characters or backslashes) (--prefix).", "prefix");
            }
        }
        return p;
    }

    private static PublicationDtos.TargetView view(Object[] r) {
        return new PublicationDtos.TargetView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (Boolean) r[6], (Boolean) r[7], (String) r[8], (String) r[9], io.ferry.common.Times.toOffset(r[10]));
    }
}
