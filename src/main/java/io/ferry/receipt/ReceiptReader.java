package io.ferry.receipt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Label;
import io.ferry.common.value.ServerName;
import io.ferry.common.value.Sha256;
import io.ferry.common.value.Text;
import io.ferry.organization.OrganizationEntity;
import io.ferry.security.Authenticator;
import io.ferry.security.ClientCertificateAuthenticator;
import io.ferry.security.RequestScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a receipt as it arrives, inside the caller's transaction: the CMS structure, the JSON (each digest
 * checked and inserted in batches, so memory stays constant at any blob count), then the signature over
 * what was read and the signer, judged like a client certificate (enrolled here, issued by a CA this server
 * accepts, valid, not revoked, with access to the organization). Any refusal throws and the transaction
 * rolls back: nothing of a refused receipt is stored.
 */
@ApplicationScoped
class ReceiptReader {
    static final int BATCH = 5000;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    ClientCertificateAuthenticator certificates;
    @Inject
    ReceiptConfig config;

    /** The header fields, collected while the JSON streams. */
    static final class Header {
        String format;
        Integer formatVersion;
        String serverId;
        String serverName;
        String organization;
        String upstreamOrganization;
        OffsetDateTime createdAt;
        Long blobCount;
        final List<JsonNode> lineage = new ArrayList<>();
        long blobs;
    }

    /** What was stored: the receipt's id and the signer's downstream name. */
    record Stored(long id, String downstream) {
    }

    Stored read(OrganizationEntity org, InputStream body, RequestScope caller, String user) {
        LimitedInput in = new LimitedInput(body, config.maxBytes());
        return Sql.work(em, c -> {
            long id = insertPending(c, org.id, user);
            try {
                org.bouncycastle.cms.CMSSignedDataParser cms = new org.bouncycastle.cms.CMSSignedDataParser(
                        new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build(), in);
                org.bouncycastle.cms.CMSTypedStream content = cms.getSignedContent();
                if (content == null) {
                    throw invalid("it carries no content (a detached signature is not a receipt)");
                }
                Header h = new Header();
                try (InputStream jsonIn = content.getContentStream()) {
                    parse(jsonIn, h, c, id);
                    jsonIn.transferTo(java.io.OutputStream.nullOutputStream());
                }
                String downstream = verifySigner(cms, org, caller);
                String sha = in.drainAndHash();
                checkHeader(h, org);
                Sql.update(c, "update export_receipt set downstream_name = ?, server_id = ?, server_name = ?, source_org = ?, sha256 = ?, "
                        + "created_at = ?, blob_count = ?, lineage = ?::jsonb where id = ?", downstream, h.serverId, h.serverName,
                        h.organization, sha, h.createdAt, h.blobs, json.writeValueAsString(h.lineage), id);
                Sql.update(c, "delete from export_receipt where organization_id = ? and received_at < ?", org.id,
                        OffsetDateTime.now().minus(config.maxAge()));
                return new Stored(id, downstream);
            } catch (org.bouncycastle.cms.CMSException | org.bouncycastle.operator.OperatorCreationException e) {
                throw invalid("it is not a CMS SignedData file (" + e.getMessage() + ")");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw invalid("its content is not the receipt JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw invalid("it is truncated or unreadable (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                if (e.getCause() instanceof IOException io && !(e instanceof FerryException)) {
                    throw invalid("it is truncated or unreadable (" + io.getMessage() + ")");
                }
                throw e;
            }
        });
    }

    private static long insertPending(Connection c, long orgId, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into export_receipt (organization_id, downstream_name, server_id, "
                + "source_org, sha256, created_at, received_by) values (?, '', '', '', repeat('0', 64), now(), ?) returning id")) {
            Sql.bind(ps, orgId, user);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void parse(InputStream in, Header h, Connection c, long id) throws IOException, SQLException {
        try (JsonParser p = json.getFactory().createParser(in).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("its content is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> h.format = p.getValueAsString();
                    case "formatVersion" -> h.formatVersion = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                    case "server" -> {
                        JsonNode s = p.readValueAsTree();
                        h.serverId = s == null ? null : s.path("id").asText(null);
                        h.serverName = s == null ? null : s.path("name").asText(null);
                    }
                    case "organization" -> h.organization = p.getValueAsString();
                    case "upstreamOrganization" -> h.upstreamOrganization = p.getValueAsString();
                    case "createdAt" -> h.createdAt = time(p.getValueAsString());
                    case "blobCount" -> h.blobCount = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1L;
                    case "lineage" -> lineage(p, t, h);
                    case "blobs" -> h.blobs = blobs(p, t, c, id);
                    case "partials" -> partials(p, t, c, id);
                    default -> throw invalid("it has an unknown field '" + Text.printable(field) + "'");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw invalid("its JSON does not end where the object ends");
            }
        }
    }

    private static void lineage(JsonParser p, JsonToken t, Header h) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw invalid("'lineage' is not a list");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            if (h.lineage.size() >= ReceiptWriter.MAX_LINEAGE) {
                throw invalid("'lineage' lists more than " + ReceiptWriter.MAX_LINEAGE + " imports");
            }
            h.lineage.add(p.readValueAsTree());
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw invalid("'lineage' holds something other than objects");
        }
    }

    /** {@code partials[]}: {@code {sha256, of, size}}, beginnings of blobs the downstream holds (see ReceiptWriter). */
    private static void partials(JsonParser p, JsonToken t, Connection c, long id) throws IOException, SQLException {
        if (t != JsonToken.START_ARRAY) {
            throw invalid("'partials' is not a list");
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into export_receipt_partial (receipt_id, sha256, of_sha256, size) "
                + "values (?, ?, ?, ?) on conflict do nothing")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                if (++n > ReceiptWriter.MAX_PARTIALS) {
                    throw invalid("'partials' lists more than " + ReceiptWriter.MAX_PARTIALS + " entries");
                }
                JsonNode e = p.readValueAsTree();
                String sha = e.path("sha256").asText("");
                String of = e.path("of").asText("");
                long size = e.path("size").canConvertToLong() && e.path("size").isIntegralNumber() ? e.path("size").asLong() : -1;
                if (!Sha256.isValid(sha) || !Sha256.isValid(of) || size < 1 || e.size() != 3) {
                    throw invalid("'partials[" + (n - 1) + "]' is not {sha256, of, size} with two SHA-256 digests and a size of "
                            + "at least 1");
                }
                Sql.bind(ps, id, sha, of, size);
                ps.addBatch();
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw invalid("'partials' holds something other than objects");
            }
            ps.executeBatch();
        }
    }

    private static long blobs(JsonParser p, JsonToken t, Connection c, long id) throws IOException, SQLException {
        if (t != JsonToken.START_ARRAY) {
            throw invalid("'blobs' is not a list");
        }
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into export_receipt_blob (receipt_id, sha256) values (?, ?) "
                + "on conflict do nothing")) {
            int batched = 0;
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                String sha = p.getText();
                if (!Sha256.isValid(sha)) {
                    throw invalid("'blobs[" + n + "]' is '" + Text.printable(sha) + "', not a SHA-256 digest (64 lowercase hex digits)");
                }
                ps.setLong(1, id);
                ps.setString(2, sha);
                ps.addBatch();
                n++;
                if (++batched == BATCH) {
                    ps.executeBatch();
                    batched = 0;
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw invalid("'blobs[" + n + "]' is not a digest string");
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    private String verifySigner(org.bouncycastle.cms.CMSSignedDataParser cms, OrganizationEntity org, RequestScope caller)
            throws org.bouncycastle.cms.CMSException, org.bouncycastle.operator.OperatorCreationException {
        var signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw invalid("it has " + signers.size() + " signers, not one");
        }
        var signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        var matches = cms.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw invalid("it does not carry its signer's certificate");
        }
        java.security.cert.X509Certificate cert;
        try {
            cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate((org.bouncycastle.cert.X509CertificateHolder) matches.iterator().next());
        } catch (java.security.cert.CertificateException e) {
            throw invalid("its signer's certificate cannot be read (" + e.getMessage() + ")");
        }
        boolean ok;
        try {
            ok = signer.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(cert));
        } catch (org.bouncycastle.cms.CMSException e) {
            ok = false;
        }
        if (!ok) {
            throw invalid("its signature does not match its content: it was changed after it was signed");
        }
        Authenticator.Principal p;
        try {
            p = certificates.authenticate(new java.security.cert.X509Certificate[] {cert});
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.RECEIPT_SIGNER_REFUSED, "The receipt's signer is not accepted: " + e.getMessage()
                    + " Nothing was stored.", "receipt");
        }
        if (p.scope() == null || !p.scope().reachesOrganization(org.id)) {
            throw new FerryException(ErrorCode.RECEIPT_SIGNER_REFUSED, "The receipt is signed by " + (p.scope() == null ? p.username()
                    : p.scope().owner()) + ", which has no access to organization '" + org.label + "'. Widen its scope (ferry "
                    + "downstream-server approve) or use the receipt with the organization it was made for; nothing was stored.",
                    "receipt");
        }
        if (caller != null && !caller.owner().equals(p.scope().owner())) {
            throw new FerryException(ErrorCode.RECEIPT_SIGNER_REFUSED, caller.owner() + " sent a receipt signed by "
                    + p.scope().owner() + "; a downstream sends only its own. Nothing was stored.", "receipt");
        }
        return p.username().substring(p.username().indexOf(':') + 1);
    }

    private void checkHeader(Header h, OrganizationEntity org) {
        if (!ReceiptWriter.FORMAT.equals(h.format) || h.formatVersion == null || h.formatVersion != ReceiptWriter.FORMAT_VERSION) {
            throw invalid("it is not a " + ReceiptWriter.FORMAT + " version " + ReceiptWriter.FORMAT_VERSION + " document (format '"
                    + Text.printable(String.valueOf(h.format)) + "', version " + h.formatVersion + ")");
        }
        try {
            UUID.fromString(String.valueOf(h.serverId));
            if (h.serverName != null) {
                new ServerName(h.serverName);
            }
            Label.of(String.valueOf(h.organization), "organization");
        } catch (IllegalArgumentException | FerryException e) {
            throw invalid("its server or organization is not valid (" + e.getMessage() + ")");
        }
        if (!org.label.equals(h.upstreamOrganization)) {
            throw invalid("it was made for organization '" + Text.printable(String.valueOf(h.upstreamOrganization))
                    + "', not '" + org.label + "'. Make it again with ferry content-import receipt --upstream-organization "
                    + org.label);
        }
        if (h.createdAt == null) {
            throw invalid("it has no createdAt");
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (h.createdAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("it was made at " + h.createdAt + ", in the future: check both servers' clocks");
        }
        if (h.createdAt.isBefore(now.minus(config.maxAge()))) {
            throw new FerryException(ErrorCode.RECEIPT_STALE, "The receipt was made at " + h.createdAt + ", longer ago than "
                    + config.maxAge().toDays() + " days (setting ferry.receipt.max-age). Make a new one on the downstream: ferry "
                    + "content-import receipt; nothing was stored.", "receipt");
        }
        if (h.blobCount == null || h.blobCount != h.blobs) {
            throw invalid("it lists " + h.blobs + " blobs but says blobCount " + h.blobCount);
        }
    }

    private static OffsetDateTime time(String s) {
        try {
            return s == null ? null : OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid("createdAt '" + Text.printable(s) + "' is not an ISO-8601 date-time");
        }
    }

    static FerryException invalid(String why) {
        return new FerryException(ErrorCode.RECEIPT_INVALID, "The receipt is refused: " + why + ". Nothing was stored.", "receipt");
    }
}
