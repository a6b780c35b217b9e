package io.ferry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.downstream.UpstreamIdentity;
import io.ferry.imports.ImportHandler;
import io.ferry.imports.ImportService;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.system.Metrics;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an upstream sync (task type {@value #TYPE}): asks the upstream what the organization follows, and for
 * each content view version (or the Library) not yet here, has the upstream stream a signed bundle, incremental
 * on the last export this organization imported from that upstream for that scope (complete when there is none
 * or the upstream no longer has it), and imports it with the same reader and rules as media.
 */
@ApplicationScoped
public class UpstreamSyncHandler implements TaskHandler {
    public static final String TYPE = "upstream.sync";
    static final String DESTINATION = "sync";

    @Inject
    UpstreamConfigs configs;
    @Inject
    UpstreamIdentity identity;
    @Inject
    OrganizationRepository organizations;
    @Inject
    ImportHandler importer;
    @Inject
    ImportService imports;
    @Inject
    EntityManager em;
    @Inject
    Metrics metrics;
    @Inject
    io.ferry.receipt.ReceiptWriter receipts;
    @Inject
    PartialTransfers partials;

    /** One thing followed: the export scope to ask for, and the version it holds upstream (null for the Library). */
    record Followed(Map<String, Object> scope, String contentView, String version, String description) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        long orgId = ((Number) ctx.params().get("organizationId")).longValue();
        OrganizationEntity org = organizations.requireForTask(orgId, "the sync");
        UpstreamConfigs.Config cfg = QuarkusTransaction.requiringNew().call(() -> configs.require(orgId, org.label));
        ctx.step("connecting to " + cfg.url());
        UpstreamClient client = UpstreamClient.of(identity, cfg.url());
        String upstreamId = client.get("/api/v1/status").path("serverId").asText();
        List<Followed> followed = UpstreamScopes.followed(client, cfg);
        long resumed = partials.resumeLeftovers(syncDir(), orgId);
        if (resumed > 0) {
            ctx.step("kept " + io.ferry.common.Words.count(resumed, "verified blob") + " of a transfer that broke off before");
        }
        List<Map<String, Object>> done = new ArrayList<>();
        long downloaded = 0;
        for (int i = 0; i < followed.size(); i++) {
            Followed f = followed.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scope", f.description());
            String[] last = QuarkusTransaction.requiringNew().call(() -> lastImport(orgId, upstreamId, f));
            if (last != null && f.version() != null && f.version().equals(last[1])) {
                entry.put("outcome", "up-to-date");
                done.add(entry);
                continue;
            }
            Path file = PartialTransfers.file(syncDir(), orgId, ctx.taskId().toString(), i);
            Path receipt = file.resolveSibling(file.getFileName() + ".receipt");
            try {
                Long receiptId = sendReceipt(ctx, client, cfg, org, f, receipt);
                ctx.step("receiving " + f.description() + (receiptId == null ? " (complete)" : " (what receipt " + receiptId
                        + " does not list)"));
                String type = receiptId == null ? "complete" : "incremental";
                entry.put("type", type);
                long size = receiveAndImport(ctx, client, cfg, org, upstreamId, f, receiptId, file, entry);
                downloaded += size;
                entry.put("bytesReceived", size);
                done.add(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("Receiving " + f.description() + " failed: " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(receipt);
                } catch (IOException ignored) {
                    // a leftover in the import root's .sync directory is removed by the next sync
                }
            }
        }
        partials.forget(orgId);
        metrics.synced("upstream", downloaded, done.stream().filter(e -> e.containsKey("type")).count());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("upstream", cfg.url());
        result.put("upstreamServerId", upstreamId);
        result.put("bytesReceived", downloaded);
        result.put("scopes", done);
        return result;
    }

    /**
     * Writes this organization's receipt and sends it to the upstream, answering the stored receipt's id; null (a
     * complete export) when this organization holds nothing yet.
     */
    private Long sendReceipt(TaskContext ctx, UpstreamClient client, UpstreamConfigs.Config cfg, OrganizationEntity org, Followed f,
                             Path receipt) throws IOException {
        ctx.step("sending the receipt of what organization '" + org.label + "' holds");
        long blobs;
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(receipt), 1 << 16)) {
            blobs = receipts.write(org, cfg.upstreamOrganization(), out);
        }
        if (blobs == 0) {
            return null;
        }
        JsonNode stored = client.postFile("/api/v1/organizations/" + cfg.upstreamOrganization() + "/exports/receipts", receipt,
                io.ferry.receipt.ReceiptDtos.MEDIA_TYPE);
        return stored.path("id").asLong();
    }

    /**
     * Has the upstream stream the bundle (the blobs receipt {@code receiptId} does not list, or everything without one)
     * into {@code file} and imports it while it arrives; answers the bytes received. A stream that breaks off fails
     * the import (nothing applied) and keeps the whole blobs received, so the next sync does not receive them again.
     */
    private long receiveAndImport(TaskContext ctx, UpstreamClient client, UpstreamConfigs.Config cfg, OrganizationEntity org,
                                  String upstreamId, Followed f, Long receiptId, Path file, Map<String, Object> entry) throws IOException {
        String path = "/api/v1/organizations/" + cfg.upstreamOrganization() + "/exports/stream";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", f.scope());
        body.put("format", "tgz");
        body.put("compression", "fast");
        body.put("destination", DESTINATION);
        body.put("type", receiptId == null ? "complete" : "incremental");
        if (receiptId != null) {
            body.put("receipt", receiptId);
        }
        HttpResponse<InputStream> r = client.postForStream(path, body);
        try (ArrivingBundle arriving = ArrivingBundle.start(r.body(), file)) {
            try {
                entry.putAll(importer.importBundle(ctx, org, file, null, List.of(), SyncExpectation.of(cfg, upstreamId, f)));
            } catch (RuntimeException e) {
                arriving.stop();
                if (arriving.brokeOff() || e instanceof io.ferry.task.TaskCanceledException) {
                    long kept = partials.keep(file, cfg.organizationId());
                    if (e instanceof io.ferry.task.TaskCanceledException canceled) {
                        throw canceled;
                    }
                    throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "The upstream's stream of " + f.description()
                            + " broke off after " + io.ferry.common.Words.bytes(arriving.received()) + ": " + arriving.why()
                            + ". Nothing was imported; " + io.ferry.common.Words.count(kept, "whole blob") + " received were "
                            + "verified and kept, so the next sync does not receive them again: run the sync again.", e);
                }
                throw e;
            }
            arriving.finish(5_000);
            return arriving.received();
        }
    }

    private Path syncDir() {
        try {
            return Files.createDirectories(imports.root().resolve(".sync"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + imports.root().resolve(".sync") + ": " + e.getMessage(), e);
        }
    }

    /** The upstream export id and content view version of the last import of this scope from that upstream, or null. */
    String[] lastImport(long orgId, String upstreamId, Followed f) {
        String scopeFilter = f.contentView() == null ? "scope_kind = 'library'"
                : "scope_kind = 'content_view_version' and scope->'contentView'->>'label' = ?";
        Object[] params = f.contentView() == null ? new Object[] {orgId, upstreamId} : new Object[] {orgId, upstreamId, f.contentView()};
        List<String[]> rows = Sql.work(em, c -> Sql.rows(c, "select source_export_id, scope->'contentView'->>'version' from "
                + "import_record where organization_id = ? and source_server_id = ? and status = 'succeeded' and " + scopeFilter
                + " order by id desc limit 1", rs -> new String[] {rs.getString(1), rs.getString(2)}, params));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
