package io.ferry.receipt;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.security.RequestScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;

/** Stores verified receipts (upstream side), shows them, and answers what an export based on one needs. */
@ApplicationScoped
public class Receipts {
    @Inject
    EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    ReceiptReader reader;
    @Inject
    ReceiptConfig config;
    @Inject
    CurrentUser currentUser;

    /** What an export based on a receipt records and names in its manifest. */
    public record Base(long id, String sha256, String serverId, String serverName, String downstream, OffsetDateTime createdAt) {
    }

    @Transactional
    public ReceiptDtos.ReceiptView receive(String orgRef, InputStream body) {
        OrganizationEntity org = organizations.require(orgRef);
        ReceiptReader.Stored s = reader.read(org, body, currentUser.scope(), currentUser.username());
        return view(org, s.id());
    }

    /** Stores a receipt this server fetched from {@code downstream} (a push): it must be signed by that downstream. */
    @Transactional
    public ReceiptDtos.ReceiptView receiveFrom(OrganizationEntity org, java.nio.file.Path file, String downstream, String user) {
        ReceiptReader.Stored s;
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
            s = reader.read(org, in, null, user);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!s.downstream().equals(downstream)) {
            throw new FerryException(ErrorCode.RECEIPT_SIGNER_REFUSED, "The receipt from that URL is signed by downstream server '"
                    + s.downstream() + "', not '" + downstream + "': check --url and --name. Nothing was pushed.", "url");
        }
        return view(org, s.id());
    }

    @Transactional
    public ReceiptDtos.ReceiptView get(String orgRef, long id) {
        OrganizationEntity org = organizations.require(orgRef);
        return view(org, id);
    }

    /**
     * The receipt {@code id} of the organization for an export: it must exist, be fresh, and (for a downstream
     * caller) be that downstream's own.
     */
    public Base require(long orgId, long id, RequestScope caller) {
        List<Base> rows = Sql.work(em, c -> Sql.rows(c, "select id, sha256, server_id, server_name, downstream_name, created_at "
                + "from export_receipt where organization_id = ? and id = ? and sha256 <> repeat('0', 64)", rs -> new Base(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class)), orgId, id));
        if (rows.isEmpty()) {
            throw notFound(id);
        }
        Base b = rows.get(0);
        if (caller != null && !caller.owner().equals("Downstream server '" + b.downstream() + "'")) {
            throw notFound(id);
        }
        if (b.createdAt().isBefore(OffsetDateTime.now().minus(config.maxAge()))) {
            throw new FerryException(ErrorCode.RECEIPT_STALE, "Receipt " + id + " was made at " + b.createdAt() + ", longer ago than "
                    + config.maxAge().toDays() + " days (ferry.receipt.max-age). Make a new one on the downstream: ferry "
                    + "content-import receipt.", "receipt");
        }
        return b;
    }

    private static FerryException notFound(long id) {
        return new FerryException(ErrorCode.RECEIPT_NOT_FOUND, "No receipt " + id + " in this organization. Send the downstream's "
                + "receipt first: ferry content-export incremental ... --receipt FILE does both.", "receipt");
    }

    private ReceiptDtos.ReceiptView view(OrganizationEntity org, long id) {
        List<ReceiptDtos.ReceiptView> rows = Sql.work(em, c -> Sql.rows(c, "select id, downstream_name, server_id, server_name, "
                + "source_org, sha256, created_at, blob_count, jsonb_array_length(lineage), received_by, received_at from "
                + "export_receipt where organization_id = ? and id = ?", rs -> new ReceiptDtos.ReceiptView(rs.getLong(1), org.label,
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class), rs.getLong(8), rs.getInt(9), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class)), org.id, id));
        if (rows.isEmpty()) {
            throw notFound(id);
        }
        return rows.get(0);
    }

    /** The organization the receipt is for upstream: the configured upstream organization, else the same label. */
    @Transactional
    public String upstreamOrganization(OrganizationEntity org, String given) {
        if (given != null && !given.isBlank()) {
            return io.ferry.common.value.Label.of(given, "upstreamOrganization").value();
        }
        String configured = Sql.work(em, c -> Sql.firstString(c, "select upstream_organization from upstream_config where "
                + "organization_id = ?", org.id));
        return configured != null ? configured : org.label;
    }
}
