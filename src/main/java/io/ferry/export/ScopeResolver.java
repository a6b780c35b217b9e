package io.ferry.export;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoLocator;
import io.ferry.contentview.ContentViewEntity;
import io.ferry.contentview.ContentViewRepository;
import io.ferry.contentview.ContentViewVersionService;
import io.ferry.common.value.VersionNumber;
import io.ferry.lifecycle.LifecycleEnvironmentEntity;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Turns what a caller names (labels or ids) into an {@link ExportScope} and, for incrementals, an {@link ExportBase}. */
@ApplicationScoped
public class ScopeResolver {
    @Inject
    OrganizationRepository organizations;
    @Inject
    ContentViewRepository views;
    @Inject
    ContentViewVersionService versions;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    RepoLocator repos;
    @Inject
    EntityManager em;
    @Inject
    io.ferry.receipt.Receipts receipts;

    @Transactional(Transactional.TxType.MANDATORY)
    public ExportScope resolve(OrganizationEntity org, ExportDtos.Scope s) {
        String kind = s.kind() == null ? "" : s.kind().trim();
        switch (kind) {
            case ExportScope.LIBRARY:
                return ExportScope.library(org.id, org.label);
            case ExportScope.REPOSITORY: {
                require(s.product(), "product", kind);
                require(s.repository(), "repository", kind);
                RepoLocator.Located r = repos.locate(org.label, s.product(), s.repository());
                int version = s.repositoryVersion() == null ? r.repository().latestVersion : s.repositoryVersion();
                if (version < 0 || version > r.repository().latestVersion) {
                    throw new FerryException(ErrorCode.REPOSITORY_VERSION_NOT_FOUND, "Repository '" + r.repository().label
                            + "' has no version " + version + "; its latest is " + r.repository().latestVersion + ".", "scope.repositoryVersion");
                }
                return ExportScope.repository(org.id, org.label, r.product().id, r.repository().id, r.product().label, r.repository().label, version);
            }
            case ExportScope.CONTENT_VIEW_VERSION: {
                require(s.contentView(), "contentView", kind);
                ContentViewEntity cv = views.require(org.id, s.contentView());
                if ((s.version() == null) == (s.environment() == null)) {
                    throw new FerryException(ErrorCode.EXPORT_SCOPE_INVALID, "Name the content view version either by number "
                            + "(version) or as the one a lifecycle environment holds (environment), not both or neither.", "scope");
                }
                if (s.version() != null) {
                    long id = versions.requireVersion(cv, VersionNumber.parse(s.version()));
                    return ExportScope.contentViewVersion(org.id, org.label, cv.id, cv.label, id, versionLabel(id), null, null);
                }
                LifecycleEnvironmentEntity env = environments.require(org.id, s.environment());
                @SuppressWarnings("unchecked")
                List<Number> held = em.createNativeQuery("select content_view_version_id from environment_content_view "
                        + "where environment_id = ?1 and content_view_id = ?2").setParameter(1, env.id).setParameter(2, cv.id)
                        .getResultList();
                if (held.isEmpty()) {
                    throw new FerryException(ErrorCode.CONTENT_VIEW_VERSION_NOT_FOUND, "Lifecycle environment '" + env.label
                            + "' holds no version of content view '" + cv.label + "'.", "scope.environment");
                }
                long id = held.get(0).longValue();
                return ExportScope.contentViewVersion(org.id, org.label, cv.id, cv.label, id, versionLabel(id), env.id, env.label);
            }
            default:
                throw new FerryException(ErrorCode.EXPORT_SCOPE_INVALID, "Scope kind '" + kind + "' is unknown; use "
                        + "content_view_version, library or repository.", "scope.kind");
        }
    }

    private String versionLabel(long cvvId) {
        return (String) em.createNativeQuery("select major || '.' || minor from content_view_version where id = ?1")
                .setParameter(1, cvvId).getSingleResult();
    }

    private static void require(String value, String field, String kind) {
        if (value == null || value.isBlank()) {
            throw new FerryException(ErrorCode.EXPORT_SCOPE_INVALID, "A " + kind + " scope needs '" + field + "'.", "scope." + field);
        }
    }

    /**
     * The base of an incremental: a given export, the state at a date, or by default the last complete
     * export of the same scope to the same destination.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ExportBase base(ExportScope scope, Long fromExport, String since, String destination, Long receipt,
                           io.ferry.security.RequestScope caller) {
        if (receipt != null) {
            if (fromExport != null || since != null) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "A receipt replaces the base: give --receipt without "
                        + "--from-history-id or --since (receipt without fromExport or since in the API).", "receipt");
            }
            return ExportBase.ofReceipt(receipts.require(scope.organizationId(), receipt, caller));
        }
        if (fromExport != null && since != null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give either --from-history-id or --since (fromExport or since in the API), not both.", "since");
        }
        if (since != null) {
            OffsetDateTime at = parseSince(since);
            if (at.isAfter(OffsetDateTime.now())) {
                throw new FerryException(ErrorCode.EXPORT_SINCE_INVALID, "since " + since + " is in the future.", "since");
            }
            return ExportBase.since(at, scope);
        }
        if (fromExport != null) {
            List<?> rows = em.createNativeQuery("select scope_key, status, manifest_sha256, organization_id from export where id = ?1")
                    .setParameter(1, fromExport).getResultList();
            if (rows.isEmpty()) {
                throw new FerryException(ErrorCode.EXPORT_BASE_MISSING, "Export " + fromExport + " does not exist here, so an "
                        + "incremental cannot be based on it; list exports to find the right one.", "fromExport");
            }
            Object[] r = (Object[]) rows.get(0);
            if (((Number) r[3]).longValue() != scope.organizationId() || !scope.key().equals(r[0])) {
                throw new FerryException(ErrorCode.EXPORT_BASE_MISSING, "Export " + fromExport + " is of another scope ("
                        + r[0] + "); an incremental must be based on an export of " + scope.key() + ".", "fromExport");
            }
            if (!"complete".equals(r[1])) {
                throw new FerryException(ErrorCode.EXPORT_BASE_MISSING, "Export " + fromExport + " is " + r[1]
                        + ", not complete; it cannot be a base.", "fromExport");
            }
            return ExportBase.ofExport(fromExport, (String) r[2]);
        }
        List<?> rows = em.createNativeQuery("select id, manifest_sha256 from export where organization_id = ?1 and scope_key = ?2 "
                + "and destination = ?3 and status = 'complete' order by id desc limit 1").setParameter(1, scope.organizationId())
                .setParameter(2, scope.key()).setParameter(3, destination).getResultList();
        if (rows.isEmpty()) {
            throw new FerryException(ErrorCode.EXPORT_BASE_MISSING, "No complete export of " + describe(scope) + " to destination '"
                    + destination + "' exists to base an incremental on. Export it complete first, or name a base with "
                    + "--from-history-id or --since (fromExport or since in the API).", "type");
        }
        Object[] r = (Object[]) rows.get(0);
        return ExportBase.ofExport(((Number) r[0]).longValue(), (String) r[1]);
    }

    static String describe(ExportScope scope) {
        Map<String, Object> l = scope.labels();
        return switch (scope.kind()) {
            case ExportScope.LIBRARY -> "the Library of '" + l.get("organization") + "'";
            case ExportScope.REPOSITORY -> "repository '" + l.get("product") + "/" + l.get("repository") + "'";
            default -> "content view '" + l.get("contentView") + "'";
        };
    }

    static OffsetDateTime parseSince(String since) {
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(since).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new FerryException(ErrorCode.EXPORT_SINCE_INVALID, "since '" + since + "' is not an ISO-8601 date "
                        + "(2026-11-01) or date-time (2026-11-01T08:00:00Z).", "since");
            }
        }
    }
}
