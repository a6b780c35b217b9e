package io.ferry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.export.ExportDtos;
import io.ferry.export.ExportRunner;
import io.ferry.export.ExportService;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.receipt.ReceiptDtos;
import io.ferry.receipt.Receipts;
import io.ferry.system.Metrics;
import io.ferry.system.ServerIdentity;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import io.ferry.trust.KeyFiles;
import io.ferry.trust.Pem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes to a downstream that cannot connect here (task type {@value #TYPE}): connects to its HTTPS URL with this
 * server's push client certificate, fetches and verifies its signed receipt, and streams a bundle of exactly the
 * blobs it lacks into its {@code …/imports/push}, through the same export writer as media and sync; then follows
 * the downstream's import task to its end. A version the downstream already imported from here is not sent again.
 */
@ApplicationScoped
public class PushHandler implements TaskHandler {
    public static final String TYPE = "downstream.push";

    @Inject
    PushIdentity identity;
    @Inject
    Receipts receipts;
    @Inject
    ExportService exports;
    @Inject
    ExportRunner runner;
    @Inject
    OrganizationRepository organizations;
    @Inject
    ServerIdentity server;
    @Inject
    EntityManager em;
    @Inject
    Metrics metrics;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        Map<String, Object> p = ctx.params();
        long orgId = ((Number) p.get("organizationId")).longValue();
        OrganizationEntity org = organizations.requireForTask(orgId, "the push");
        String downstream = (String) p.get("downstream");
        String there = (String) p.get("downstreamOrganization");
        String cv = (String) p.get("contentView");
        String version = (String) p.get("version");
        String what = cv == null ? "the Library" : "content view '" + cv + "' version " + version;
        ctx.step("connecting to " + p.get("url"));
        UpstreamClient client = client((String) p.get("url"), (String) p.get("caPem"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("downstream", downstream);
        result.put("url", p.get("url"));
        result.put("scope", what);
        Path receiptFile = null;
        try {
            ctx.step("fetching the receipt of what organization '" + there + "' holds there");
            receiptFile = Files.createTempFile("ferry-push-receipt-", ".p7m");
            Path rf = receiptFile;
            peer(() -> client.download("/api/v1/organizations/" + there + "/imports/receipt?upstreamOrganization=" + org.label,
                    rf));
            ReceiptDtos.ReceiptView receipt = receipts.receiveFrom(org, rf, downstream, ctx.user());
            result.put("receiptId", receipt.id());
            if (cv != null && QuarkusTransaction.requiringNew().call(() -> alreadyThere(receipt.id(), org.id, cv, version))) {
                result.put("outcome", "up-to-date");
                result.put("bytesSent", 0L);
                return result;
            }
            ExportDtos.Scope scope = cv == null ? new ExportDtos.Scope("library", null, null, null, null, null, null)
                    : new ExportDtos.Scope("content_view_version", cv, version, null, null, null, null);
            boolean complete = receipt.blobs() == 0;
            ExportDtos.ExportRequest req = new ExportDtos.ExportRequest(scope, complete ? "complete" : "incremental", null, null,
                    "push-" + downstream, "tgz", null, "fast", null, null, complete ? null : receipt.id());
            ExportRunner.Prepared prepared = exports.prepareStreamFor(org.label, req, ctx.user());
            ctx.step("pushing " + what + (complete ? " (complete)" : " (what receipt " + receipt.id() + " does not list)"));
            long[] sent = {0};
            JsonNode task = send(ctx, client, there, prepared, sent);
            result.put("type", complete ? "complete" : "incremental");
            result.put("exportId", prepared.id());
            result.put("bytesSent", sent[0]);
            JsonNode end = follow(ctx, client, task);
            result.put("downstreamTask", end.path("id").asText());
            if (!"completed".equals(end.path("state").asText())) {
                throw new FerryException(ErrorCode.PUSH_REFUSED, "The downstream's import of the pushed bundle ended "
                        + end.path("state").asText() + ": " + end.path("error").path("code").asText("") + " "
                        + end.path("error").path("detail").asText("") + " Nothing changed there.");
            }
            result.put("downstreamResult", json.convertValue(end.path("result"), Map.class));
            metrics.synced("push", sent[0], 1);
            return result;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.PUSH_UNREACHABLE, "Pushing to " + p.get("url") + " failed: " + e.getMessage(), e);
        } finally {
            if (receiptFile != null) {
                try {
                    Files.deleteIfExists(receiptFile);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private UpstreamClient client(String url, String caPem) {
        identity.ensure();
        try {
            return UpstreamClient.of(KeyFiles.certificates(identity.certificate()), KeyFiles.privateKey(identity.key()),
                    Pem.certificates(caPem, "caPem"), UpstreamClient.url(url));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new FerryException(ErrorCode.PUSH_UNREACHABLE, "The push client certificate under trust/push/ cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /** Streams the bundle into the downstream's push endpoint from a writer thread; answers the import task it started. */
    private JsonNode send(TaskContext ctx, UpstreamClient client, String there, ExportRunner.Prepared prepared, long[] sent)
            throws IOException {
        ChunkPipe pipe = new ChunkPipe();
        Thread writer = new Thread(() -> {
            try (OutputStream out = pipe.out) {
                runner.stream(prepared, new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        sent[0] += len;
                    }
                });
            } catch (IOException | RuntimeException e) {
                pipe.fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
        }, "ferry-push-" + ctx.taskId());
        writer.setDaemon(true);
        writer.start();
        try {
            return peer(() -> client.postStream("/api/v1/organizations/" + there + "/imports/push", "application/gzip",
                    HttpRequest.BodyPublishers.ofInputStream(() -> pipe.in)));
        } finally {
            pipe.in.close();
            try {
                writer.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the downstream's import task, showing its step. */
    private JsonNode follow(TaskContext ctx, UpstreamClient client, JsonNode task) {
        String id = task.path("id").asText();
        while (true) {
            JsonNode t = peer(() -> client.get("/api/v1/tasks/" + id));
            String state = t.path("state").asText();
            if (!"waiting".equals(state) && !"running".equals(state)) {
                return t;
            }
            ctx.step("the downstream imports: " + t.path("step").asText(state));
            ctx.checkCanceled();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException(ErrorCode.PUSH_UNREACHABLE, "Interrupted while waiting for the downstream's import.");
            }
        }
    }

    /** Whether the receipt's lineage holds an export of this version made here: the downstream has it already. */
    private Boolean alreadyThere(long receiptId, long orgId, String cv, String version) {
        return Sql.work(em, c -> Sql.longs(c, "select count(*) from export_receipt r cross join lateral jsonb_array_elements(r.lineage) l "
                + "join export e on e.id = (l->>'exportId')::bigint where r.id = ? and l->>'sourceServerId' = ? and e.organization_id = ? "
                + "and e.scope->>'contentView' = ? and e.scope->>'version' = ?", receiptId, server.serverId().toString(), orgId, cv,
                version)[0] > 0);
    }

    /** Calls the downstream, naming it (not "the upstream") when it refuses or cannot be reached. */
    private static <T> T peer(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamClient.UpstreamRefusal e) {
            throw new FerryException(ErrorCode.PUSH_REFUSED, e.getMessage().replace("The upstream refused", "The downstream refused"), e);
        } catch (FerryException e) {
            if (e.errorCode() == ErrorCode.SYNC_UPSTREAM_UNREACHABLE) {
                throw new FerryException(ErrorCode.PUSH_UNREACHABLE, e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void peer(Runnable call) {
        peer(() -> {
            call.run();
            return null;
        });
    }
}
