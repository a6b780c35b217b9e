package io.ferry.export;

import java.time.OffsetDateTime;

/**
 * What an incremental export is relative to: the state a base export captured, or the state of the
 * scope's repositories at a date. {@link #reposSql()} selects {@code (repository_id, version)} like
 * {@link ExportScope#reposSql()}; blobs of that state are not carried again.
 */
public record ExportBase(Long exportId, String manifestSha256, OffsetDateTime since, String reposSql, Object[] params) {

    static ExportBase ofExport(long exportId, String manifestSha256) {
        return new ExportBase(exportId, manifestSha256, null,
                "select repository_id, version from export_repository where export_id = ?", new Object[] {exportId});
    }

    static ExportBase since(OffsetDateTime since, ExportScope scope) {
        Object[] params = new Object[scope.params().length + 1];
        System.arraycopy(scope.params(), 0, params, 0, scope.params().length);
        params[params.length - 1] = since;
        return new ExportBase(null, null, since, "select v.repository_id, max(v.number) from repository_version v "
                + "where v.repository_id in (select s.repository_id from (" + scope.reposSql() + ") s(repository_id, version)) "
                + "and v.created_at <= ? group by v.repository_id", params);
    }

    ExportDtos.BaseView view() {
        return new ExportDtos.BaseView(exportId, manifestSha256, since);
    }
}
