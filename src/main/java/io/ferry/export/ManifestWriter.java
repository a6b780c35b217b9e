package io.ferry.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.BuildInfo;
import io.ferry.common.FerryConfig;
import io.ferry.common.Sql;
import io.ferry.content.RepoContentQueries;
import io.ferry.system.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the manifest of a planned export (format documented field by field in docs/export-format.md):
 * units are read in keyset pages per repository version, blobs in pages of the plan, and written
 * straight to the output, so its size never matters to memory.
 */
@ApplicationScoped
public class ManifestWriter {
    public static final String FORMAT = "ferry-export";
    public static final int FORMAT_VERSION = 1;
    /** The manifest's version when the bundle carries deltas ({@code blobs[].delta}); without deltas it stays 1. */
    public static final int DELTA_FORMAT_VERSION = 2;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    RepoContentQueries content;
    @Inject
    ServerIdentity identity;
    @Inject
    FerryConfig config;

    /** Header facts of the export row the manifest describes. */
    record Header(long id, long organizationId, String scopeKind, Map<String, Object> scope, String type, Long baseExportId,
                  String baseManifestSha256, OffsetDateTime baseSince, String destination, String format, String compression,
                  Long volumeSize, String createdBy, OffsetDateTime createdAt, OffsetDateTime baseCreatedAt, String receiptSha256,
                  String receiptServerId, OffsetDateTime receiptCreatedAt) {
    }

    record Repo(long id, String label, String name, String description, String contentType, String productLabel,
                String productName, String productDescription, int version, long unitCount, long totalSize) {
    }

    public void write(long exportId, int volumes, ExportJob job, OutputStream out) throws IOException {
        Header h = header(exportId);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("formatVersion", hasDeltas(exportId) ? DELTA_FORMAT_VERSION : FORMAT_VERSION);
            g.writeObjectFieldStart("export");
            g.writeNumberField("id", h.id());
            g.writeStringField("type", h.type());
            g.writeStringField("createdAt", h.createdAt().toString());
            g.writeStringField("createdBy", h.createdBy());
            g.writeStringField("destination", h.destination());
            g.writeStringField("format", h.format());
            g.writeStringField("compression", h.compression());
            if (h.volumeSize() == null) {
                g.writeNullField("volumeSize");
            } else {
                g.writeNumberField("volumeSize", h.volumeSize());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("serverId", identity.serverId().toString());
            g.writeStringField("serverName", config.serverName());
            g.writeStringField("version", BuildInfo.get().version());
            g.writeEndObject();
            if (h.receiptSha256() != null) {
                g.writeObjectFieldStart("base");
                g.writeObjectFieldStart("receipt");
                g.writeStringField("sha256", h.receiptSha256());
                g.writeStringField("serverId", h.receiptServerId());
                g.writeStringField("createdAt", h.receiptCreatedAt().toString());
                g.writeEndObject();
                g.writeEndObject();
            } else if (h.baseExportId() == null && h.baseSince() == null) {
                g.writeNullField("base");
            } else {
                g.writeObjectFieldStart("base");
                g.writeObjectField("exportId", h.baseExportId());
                g.writeObjectField("manifestSha256", h.baseManifestSha256());
                g.writeObjectField("since", h.baseSince() == null ? null : h.baseSince().toString());
                g.writeObjectField("createdAt", h.baseCreatedAt() == null ? null : h.baseCreatedAt().toString());
                g.writeEndObject();
            }
            g.writeFieldName("scope");
            json.writeValue(g, scope(h));
            g.writeFieldName("provenance");
            g.writeRawValue(provenance(h));
            g.writeArrayFieldStart("repositories");
            for (Repo r : repositories(exportId)) {
                writeRepository(g, r);
            }
            g.writeEndArray();
            writeBlobs(g, exportId);
            g.writeArrayFieldStart("volumes");
            Map<Integer, long[]> counts = volumeCounts(exportId);
            for (int v = 1; v <= volumes; v++) {
                long[] c = counts.getOrDefault(v, new long[3]);
                g.writeStartObject();
                g.writeNumberField("number", v);
                g.writeStringField("name", h.format().equals("dir") ? null : job.volumeName(exportId, v));
                g.writeNumberField("blobs", c[0]);
                g.writeNumberField("parts", c[1]);
                g.writeNumberField("contentBytes", c[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void writeRepository(JsonGenerator g, Repo r) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("product");
        g.writeStringField("label", r.productLabel());
        g.writeStringField("name", r.productName());
        g.writeStringField("description", r.productDescription());
        g.writeEndObject();
        g.writeStringField("label", r.label());
        g.writeStringField("name", r.name());
        g.writeStringField("description", r.description());
        g.writeStringField("contentType", r.contentType());
        g.writeNumberField("version", r.version());
        g.writeNumberField("unitCount", r.unitCount());
        g.writeNumberField("totalSize", r.totalSize());
        g.writeArrayFieldStart("units");
        content.walk(r.id(), r.version(), u -> {
            g.writeStartObject();
            g.writeStringField("relativePath", u.relativePath());
            g.writeStringField("sha256", u.sha256());
            g.writeNumberField("size", u.size());
            g.writeFieldName("metadata");
            json.writeValue(g, u.metadata());
            g.writeEndObject();
        });
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeBlobs(JsonGenerator g, long exportId) throws IOException {
        g.writeArrayFieldStart("blobs");
        String after = "";
        while (true) {
            List<Object[]> page = blobPage(exportId, after);
            String open = null;
            for (Object[] b : page) {
                String sha = (String) b[0];
                if (!sha.equals(open)) {
                    if (open != null) {
                        endBlob(g);
                    }
                    open = sha;
                    g.writeStartObject();
                    g.writeStringField("sha256", sha);
                    g.writeNumberField("size", (Long) b[1]);
                    if (b[2] != null && b[8] != null) {
                        g.writeStringField("path", BundlePaths.delta(sha));
                        g.writeNumberField("volume", (Integer) b[2]);
                        g.writeObjectFieldStart("delta");
                        g.writeNumberField("size", (Long) b[8]);
                        g.writeArrayFieldStart("bases");
                        for (String base : ((String) b[9]).split(",")) {
                            g.writeString(base);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    } else if (b[2] != null) {
                        g.writeStringField("path", BundlePaths.blob(sha));
                        g.writeNumberField("volume", (Integer) b[2]);
                    } else {
                        g.writeArrayFieldStart("parts");
                    }
                }
                if (b[3] != null) {
                    int part = (Integer) b[3];
                    g.writeStartObject();
                    g.writeNumberField("part", part);
                    g.writeStringField("path", BundlePaths.part(sha, part));
                    g.writeNumberField("volume", (Integer) b[4]);
                    g.writeNumberField("offset", (Long) b[5]);
                    g.writeNumberField("size", (Long) b[6]);
                    g.writeStringField("sha256", (String) b[7]);
                    g.writeEndObject();
                }
            }
            if (open != null) {
                endBlob(g);
            }
            if (open == null || page.stream().map(r -> r[0]).distinct().count() < ExportPlanner.PAGE) {
                break;
            }
            after = open;
        }
        g.writeEndArray();
    }

    private static void endBlob(JsonGenerator g) throws IOException {
        if (g.getOutputContext().inArray()) {
            g.writeEndArray(); // the parts of a split blob
        }
        g.writeEndObject();
    }

    /**
     * The servers a content view version passed through before this one (origin first), as recorded when it was
     * imported here; {@code []} for versions published here and for other scopes.
     */
    @Transactional
    String provenance(Header h) {
        if (!ExportScope.CONTENT_VIEW_VERSION.equals(h.scopeKind())) {
            return "[]";
        }
        Map<String, Object> labels = h.scope();
        List<?> rows = em.createNativeQuery("select v.provenance::text from content_view cv join content_view_version v on "
                + "v.content_view_id = cv.id where cv.organization_id = ?1 and cv.label = ?2 and v.major || '.' || v.minor = ?3")
                .setParameter(1, h.organizationId()).setParameter(2, labels.get("contentView")).setParameter(3, labels.get("version"))
                .getResultList();
        return rows.isEmpty() || rows.get(0) == null ? "[]" : (String) rows.get(0);
    }

    @Transactional
    Map<String, Object> scope(Header h) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", h.scopeKind());
        Object[] org = (Object[]) em.createNativeQuery("select label, name from organization where id = ?1")
                .setParameter(1, h.organizationId()).getSingleResult();
        s.put("organization", Map.of("label", org[0], "name", org[1]));
        Map<String, Object> labels = h.scope();
        if (ExportScope.CONTENT_VIEW_VERSION.equals(h.scopeKind())) {
            Object[] cv = (Object[]) em.createNativeQuery("select cv.label, cv.name, coalesce(cv.description, ''), "
                    + "coalesce(v.description, ''), v.major, v.minor from content_view cv join content_view_version v "
                    + "on v.content_view_id = cv.id where cv.organization_id = ?1 and cv.label = ?2 and v.major || '.' || v.minor = ?3")
                    .setParameter(1, h.organizationId()).setParameter(2, labels.get("contentView"))
                    .setParameter(3, labels.get("version")).getSingleResult();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("label", cv[0]);
            view.put("name", cv[1]);
            view.put("description", cv[2]);
            view.put("version", cv[4] + "." + cv[5]);
            view.put("major", cv[4]);
            view.put("minor", cv[5]);
            view.put("versionDescription", cv[3]);
            s.put("contentView", view);
            s.put("environment", labels.get("environment"));
        } else if (ExportScope.REPOSITORY.equals(h.scopeKind())) {
            s.put("product", labels.get("product"));
            s.put("repository", labels.get("repository"));
            s.put("repositoryVersion", labels.get("repositoryVersion"));
        }
        return s;
    }

    @Transactional
    Header header(long exportId) {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select e.id, e.organization_id, e.scope_type, e.scope::text, e.type, "
                    + "e.base_export_id, e.base_manifest_sha256, e.base_since, e.destination, e.format, e.compression, e.volume_size, "
                    + "e.created_by, e.created_at, (select b.created_at from export b where b.id = e.base_export_id), r.sha256, r.server_id, r.created_at "
                    + "from export e left join export_receipt r on r.id = e.base_receipt_id where e.id = ?")) {
                ps.setLong(1, exportId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> scope = json.readValue(rs.getString(4), Map.class);
                    return new Header(rs.getLong(1), rs.getLong(2), rs.getString(3), scope, rs.getString(5),
                            (Long) rs.getObject(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9),
                            rs.getString(10), rs.getString(11), (Long) rs.getObject(12), rs.getString(13),
                            rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class), rs.getString(16),
                            rs.getString(17), rs.getObject(18, OffsetDateTime.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @Transactional
    List<Repo> repositories(long exportId) {
        return Sql.work(em, c -> {
            List<Repo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select r.id, r.label, r.name, coalesce(r.description, ''), r.content_type, "
                    + "p.label, p.name, coalesce(p.description, ''), er.version, coalesce(v.unit_count, 0), coalesce(v.total_size, 0) "
                    + "from export_repository er join repository r on r.id = er.repository_id join product p on p.id = r.product_id "
                    + "left join repository_version v on v.repository_id = r.id and v.number = er.version "
                    + "where er.export_id = ? order by p.label, r.label")) {
                ps.setLong(1, exportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Repo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getLong(11)));
                    }
                }
            }
            return out;
        });
    }

    @Transactional
    boolean hasDeltas(long exportId) {
        return Sql.work(em, c -> Sql.longs(c, "select delta_blobs from export where id = ?", exportId)[0] > 0);
    }

    /** A keyset page of carried blobs, each with its parts (if split) or delta bases in the same rows: no query per blob. */
    @Transactional
    List<Object[]> blobPage(long exportId, String after) {
        return Sql.work(em, c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select b.sha256, b.size, b.volume, p.part, p.volume, p.part_offset, "
                    + "p.size, p.part_sha256, b.delta_size, b.bases from (select e.sha256, e.size, e.volume, e.delta_size, "
                    + "(select string_agg(d.base_sha256, ',' order by d.base_sha256) from export_delta_base d where d.export_id = "
                    + "e.export_id and d.sha256 = e.sha256) as bases from export_blob e where e.export_id = ? and e.sha256 > ? "
                    + "order by e.sha256 limit " + ExportPlanner.PAGE + ") b left join export_part p on p.export_id = ? "
                    + "and p.sha256 = b.sha256 order by b.sha256, p.part")) {
                Sql.bind(ps, exportId, after, exportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getString(1), rs.getLong(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4),
                                (Integer) rs.getObject(5), (Long) rs.getObject(6), (Long) rs.getObject(7), rs.getString(8),
                                (Long) rs.getObject(9), rs.getString(10)});
                    }
                }
            }
            return out;
        });
    }

    /** Per volume: whole blobs, parts and content bytes, in one grouped query. */
    @Transactional
    Map<Integer, long[]> volumeCounts(long exportId) {
        return Sql.work(em, c -> {
            Map<Integer, long[]> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select volume, sum(blobs), sum(parts), sum(bytes) from ("
                    + "select volume, count(*) as blobs, 0 as parts, sum(size) as bytes from export_blob where export_id = ? "
                    + "and volume is not null group by volume union all select volume, 0, count(*), sum(size) from export_part "
                    + "where export_id = ? group by volume) v group by volume")) {
                Sql.bind(ps, exportId, exportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
            return out;
        });
    }
}
