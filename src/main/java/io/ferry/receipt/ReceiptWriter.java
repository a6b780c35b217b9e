package io.ferry.receipt;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.downstream.UpstreamIdentity;
import io.ferry.organization.OrganizationEntity;
import io.ferry.storage.BlobStore;
import io.ferry.system.ServerIdentity;
import io.ferry.trust.KeyFiles;
import io.ferry.trust.Signatures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes this server's receipt for one organization, streamed (constant memory at any blob count): the newest
 * {@value #MAX_LINEAGE} imports, then every blob digest its repositories reference (any version) plus the
 * blobs a broken-off sync verified and kept ({@code sync_held_blob}, those still in the store), signed with the
 * identity this server enrolled with ({@code trust/upstream/client.key}).
 */
@ApplicationScoped
public class ReceiptWriter {
    public static final String FORMAT = "ferry-receipt";
    public static final int FORMAT_VERSION = 1;
    static final int MAX_LINEAGE = 1000;
    static final int MAX_PARTIALS = 1000;

    @Inject
    EntityManager em;
    @Inject
    UpstreamIdentity identity;
    @Inject
    BlobStore store;
    @Inject
    ServerIdentity server;
    @Inject
    FerryConfig config;
    @Inject
    ObjectMapper json;

    /** Refuses before anything is streamed when there is no identity to sign with. */
    public void requireIdentity() {
        if (!Files.isRegularFile(identity.clientKey()) || !Files.isRegularFile(identity.clientCertificate())) {
            throw new FerryException(ErrorCode.RECEIPT_NO_IDENTITY, "This server has no enrolled identity to sign a receipt with. "
                    + "Enroll it with the upstream first: ferry upstream request-certificate here, ferry downstream-server approve "
                    + "there, then ferry upstream install-certificate here.");
        }
    }

    /** Writes the signed receipt of {@code org}, naming {@code upstreamOrganization} (the organization it is for upstream). */
    public long write(OrganizationEntity org, String upstreamOrganization, OutputStream out) {
        requireIdentity();
        try {
            PrivateKey key = KeyFiles.privateKey(identity.clientKey());
            List<X509Certificate> chain = KeyFiles.certificates(identity.clientCertificate());
            try (OutputStream signed = Signatures.signing(out, key, chain);
                 JsonGenerator g = json.getFactory().createGenerator(signed, JsonEncoding.UTF8)
                         .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeNumberField("formatVersion", FORMAT_VERSION);
                g.writeObjectFieldStart("server");
                g.writeStringField("id", server.serverId().toString());
                g.writeStringField("name", config.serverName());
                g.writeEndObject();
                g.writeStringField("organization", org.label);
                g.writeStringField("upstreamOrganization", upstreamOrganization);
                g.writeStringField("createdAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
                long[] count = {0};
                QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> {
                    try {
                        writeLineage(c, g, org.id);
                        g.writeArrayFieldStart("blobs");
                        count[0] = writeBlobs(c, g, org.id);
                        g.writeEndArray();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
                g.writeNumberField("blobCount", count[0]);
                QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> {
                    try {
                        writePartials(c, g, org.id);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
                g.writeEndObject();
                return count[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the receipt of organization '" + org.label + "' failed: " + e.getMessage(), e);
        }
    }

    private static void writeLineage(java.sql.Connection c, JsonGenerator g, long orgId) throws java.sql.SQLException, IOException {
        g.writeArrayFieldStart("lineage");
        try (PreparedStatement ps = c.prepareStatement("select source_server_id, source_server_name, source_export_id, manifest_sha256, "
                + "scope_kind, finished_at from import_record where organization_id = ? and status = 'succeeded' "
                + "order by id desc limit " + MAX_LINEAGE)) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    g.writeStartObject();
                    g.writeStringField("sourceServerId", rs.getString(1));
                    g.writeStringField("sourceServerName", rs.getString(2));
                    g.writeNumberField("exportId", rs.getLong(3));
                    g.writeStringField("manifestSha256", rs.getString(4));
                    g.writeStringField("scopeKind", rs.getString(5));
                    OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
                    g.writeStringField("importedAt", at == null ? null : at.toString());
                    g.writeEndObject();
                }
            }
        }
        g.writeEndArray();
    }

    /**
     * {@code partials}, only when there are any: beginnings of blobs a broken-off delta left (docs/deltas.md), each
     * {@code {sha256, of, size}}, so the upstream copies those chunks from it instead of sending them again.
     */
    private void writePartials(java.sql.Connection c, JsonGenerator g, long orgId) throws java.sql.SQLException, IOException {
        List<String[]> rows = Sql.rows(c, "select sha256, of_sha256, size from sync_held_partial where organization_id = ? "
                + "order by sha256 limit " + MAX_PARTIALS, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, orgId);
        rows.removeIf(r -> !store.exists(r[0]));
        if (rows.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("partials");
        for (String[] r : rows) {
            g.writeStartObject();
            g.writeStringField("sha256", r[0]);
            g.writeStringField("of", r[1]);
            g.writeNumberField("size", Long.parseLong(r[2]));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private long writeBlobs(java.sql.Connection c, JsonGenerator g, long orgId) throws java.sql.SQLException, IOException {
        long n = 0;
        String held = "select distinct u.sha256 from repository_content rc join repository r on r.id = rc.repository_id "
                + "join product p on p.id = r.product_id join content_unit u on u.id = rc.unit_id where p.organization_id = ?";
        try (PreparedStatement ps = c.prepareStatement(held)) {
            ps.setLong(1, orgId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    g.writeString(rs.getString(1));
                    n++;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select h.sha256 from sync_held_blob h where h.organization_id = ? and not exists "
                + "(" + held.replace("where p.organization_id = ?", "where p.organization_id = h.organization_id and u.sha256 = h.sha256")
                + ")")) {
            ps.setLong(1, orgId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (store.exists(rs.getString(1))) {
                        g.writeString(rs.getString(1));
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
