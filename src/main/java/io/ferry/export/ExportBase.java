package io.ferry.export;

import java.time.OffsetDateTime;

/**
 * What an incremental export is relative to: the state a base export captured, or the state of the
 * scope's repositories at a date. {@link #reposSql()} selects {@code (repository_id, version)} like
 * {@link ExportScope#reposSql()}; blobs of that state are not carried again.
 */
public record ExportBase(Long exportId, String manifestSha256, OffsetDateTime since, String reposSql, Object[] params,
                         io.ferry.receipt.Receipts.Base receipt) {

    static ExportBase ofExport(long exportId, String manifestSha256) {
        return new ExportBase(exportId, manifestSha256, null,
                "select repository_id, version from export_repository where export_id = ?", new Object[] {exportId}, null);
    }

    /** Relative to what a downstream's receipt says it holds: every blob of the scope it does not list is carried. */
    static ExportBase ofReceipt(io.ferry.receipt.Receipts.Base receipt) {
        return new ExportBase(null, null, null, null, new Object[] {receipt.id()}, receipt);
    }

    static ExportBase since(OffsetDateTime since, ExportScope scope) {
        Object[] params = new Object[scope.params().length + 1];
        System.arraycopy(scope.params(), 0, params, 0, scope.params().length);
        params[params.length - 1] = since;
        return new ExportBase(null, null, since, "select v.repository_id, max(v.number) from repository_version v "
                + "where v.repository_id in (select s.repository_id from (" + scope.reposSql() + ") s(repository_id, version)) "
                + "and v.created_at <= ? group by v.repository_id", params, null);
    }

    ExportDtos.BaseView view() {
        return new ExportDtos.BaseView(exportId, manifestSha256, since, receipt == null ? null : receipt.id());
    }
}
