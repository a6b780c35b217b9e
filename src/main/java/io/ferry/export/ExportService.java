package io.ferry.export;

import io.ferry.common.AllowedRoots;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.ferry.common.Page;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.security.RequestScope;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates export requests, starts export tasks, computes dry runs and serves the history. */
@ApplicationScoped
public class ExportService {
    @Inject
    ExportDeltas deltas;
    @Inject
    io.ferry.security.Visibility visibility;
    private static final Set<String> FORMATS = Set.of("dir", "tgz", "iso");
    private static final Set<String> COMPRESSIONS = Set.of("default", "fast", "best", "none");

    @Inject
    OrganizationRepository organizations;
    @Inject
    ScopeResolver resolver;
    @Inject
    ExportPlanner planner;
    @Inject
    ExportRunner runner;
    @Inject
    ExportHistory history;
    @Inject
    ExportConfig config;
    @Inject
    ExportLocations locations;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;
    @Inject
    ExportPermissions permissions;

    /** A request resolved against the database: what, relative to what, and how. */
    record Resolved(OrganizationEntity org, ExportScope scope, ExportBase base, ExportJob job) {
    }

    @Transactional
    public TaskView submit(String orgRef, ExportDtos.ExportRequest req) {
        Resolved r = resolve(orgRef, req, true, currentUser.scope());
        checkVolumeOverhead(r);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", r.org().id);
        params.put("scope", r.scope().ids());
        params.put("scopeKind", r.scope().kind());
        params.put("environment", r.scope().labels().get("environment"));
        if (r.base() != null) {
            params.put("receiptId", r.base().receipt() == null ? null : r.base().receipt().id());
            params.put("baseExportId", r.base().exportId());
            params.put("since", r.base().since() == null ? null : r.base().since().toString());
        }
        params.put("destination", r.job().destination());
        params.put("format", r.job().format());
        params.put("compression", r.job().compression());
        params.put("volumeSize", r.job().volumeSize());
        params.put("path", r.job().path() == null ? null : r.job().path().toString());
        params.put("link", r.job().link());
        params.values().removeIf(java.util.Objects::isNull); // task parameters hold no nulls
        return tasks.submit(ExportHandler.TYPE, params, List.of("export:" + r.scope().key() + ":" + r.job().destination()),
                currentUser.username());
    }

    public ExportDtos.PlanView plan(String orgRef, ExportDtos.ExportRequest req) {
        Resolved r = resolveInTx(orgRef, req, false);
        ExportPlanner.Counts c = planner.counts(r.scope(), r.base());
        ExportPlanner.Sizes s = c.sizes();
        String format = r.job().format();
        Long volumeSize = format.equals("dir") ? null : r.job().volumeSize();
        long reserve = s.manifestReserve(volumeSize);
        VolumeLayout layout = new VolumeLayout(format, volumeSize, reserve);
        int volumes = planner.countVolumes(r.scope(), r.base(), layout);
        VolumeOverhead overhead = VolumeOverhead.of(s, format, volumeSize, volumes);
        String warning = null;
        if (volumeSize != null) {
            try {
                overhead.check(config.maxVolumeOverhead());
            } catch (FerryException refused) {
                warning = refused.getMessage();
            }
        }
        ExportDeltas.Saved saved = deltas.estimate(r.scope(), r.base(), format);
        return new ExportDtos.PlanView(r.scope().labels(), r.base() == null ? "complete" : "incremental",
                r.base() == null ? null : r.base().view(), format, volumeSize, s.repositories(), s.units(), c.blobs(), c.blobBytes(),
                s.newBlobs(), s.newBytes() - saved.bytes(), c.blobs() - s.newBlobs(), c.blobBytes() - s.newBytes(), volumes,
                overhead.estimatedBytes() - saved.bytes(), overhead.perVolume(), overhead.percent(), warning, saved.blobs(),
                saved.bytes());
    }

    /** Refuses, before a task starts, volumes so small that copies of the manifest would fill much of the media. */
    private void checkVolumeOverhead(Resolved r) {
        Long volumeSize = r.job().volumeSize();
        if (volumeSize == null || r.job().format().equals("dir")) {
            return;
        }
        ExportPlanner.Sizes s = planner.counts(r.scope(), r.base()).sizes();
        int volumes = VolumeOverhead.roughVolumes(s, r.job().format(), volumeSize);
        VolumeOverhead.of(s, r.job().format(), volumeSize, volumes).check(config.maxVolumeOverhead());
    }

    /** Plans an export streamed to the caller as one tar.gz, written nowhere on the server. */
    public ExportRunner.Prepared prepareStream(String orgRef, ExportDtos.ExportRequest req) {
        Resolved r = resolveInTx(orgRef, req, false);
        if (!r.job().format().equals("tgz") || r.job().volumeSize() != null || r.job().path() != null) {
            throw new FerryException(ErrorCode.EXPORT_NOT_STREAMABLE, "Only a single-volume tgz export can be streamed: use format "
                    + "tgz without volumeSize or path.", "format");
        }
        return runner.prepareStream(r.scope(), r.base(), r.job(), currentUser.username());
    }

    @Transactional
    Resolved resolveInTx(String orgRef, ExportDtos.ExportRequest req, boolean checkPath) {
        return resolve(orgRef, req, checkPath, currentUser.scope());
    }

    /**
     * Plans a streamed export for a task that {@code user} started (a push to a downstream): the same rules as a
     * request, with no caller scope (the user is an operator of this server).
     */
    public ExportRunner.Prepared prepareStreamFor(String orgRef, ExportDtos.ExportRequest req, String user) {
        Resolved r = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> resolve(orgRef, req, false, null));
        return runner.prepareStream(r.scope(), r.base(), r.job(), user);
    }

    private Resolved resolve(String orgRef, ExportDtos.ExportRequest req, boolean checkPath, RequestScope caller) {
        OrganizationEntity org = organizations.require(orgRef);
        String type = req.type() == null ? "complete" : req.type();
        if (!type.equals("complete") && !type.equals("incremental")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "type must be complete or incremental.", "type");
        }
        String format = req.format() == null ? "dir" : req.format();
        if (!FORMATS.contains(format)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "format must be dir, tgz or iso.", "format");
        }
        String compression = req.compression() == null ? "default" : req.compression();
        if (!COMPRESSIONS.contains(compression)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "compression must be default, fast, best or none.", "compression");
        }
        Long volumeSize = VolumeSize.parse(req.volumeSize());
        if (volumeSize != null && format.equals("dir")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A dir export is one tree; volumeSize applies to tgz and iso.",
                    "volumeSize");
        }
        String destination = req.destination() == null ? "default" : io.ferry.common.value.Label.of(req.destination(), "destination").value();
        if (type.equals("complete") && (req.fromExport() != null || req.since() != null || req.receipt() != null)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "fromExport, since and receipt apply to incremental exports only.",
                    "type");
        }
        ExportScope scope = resolver.resolve(org, req.scope());
        checkCallerScope(scope, req, caller);
        ExportBase base = type.equals("incremental") ? resolver.base(scope, req.fromExport(), req.since(), destination,
                req.receipt(), caller) : null;
        Path path = req.path() == null ? null : checkPath ? allowedPath(req.path()) : Path.of(req.path());
        return new Resolved(org, scope, base, new ExportJob(destination, format, compression, volumeSize, path,
                req.link() == null || req.link()));
    }

    /**
     * A principal with narrowed roles (a user, or a downstream server, whose approval made its assignments) exports
     * only what they may export; a downstream server never to a path of its choosing on this server.
     */
    private void checkCallerScope(ExportScope scope, ExportDtos.ExportRequest req, RequestScope caller) {
        if (!(caller instanceof io.ferry.security.RoleScope roles)) {
            return;
        }
        if (roles.downstream() && req.path() != null) {
            throw new FerryException(ErrorCode.DOWNSTREAM_OUT_OF_SCOPE, caller.owner() + " may not choose a path on this server; "
                    + "leave path out (or stream the export).", "path");
        }
        permissions.check(roles, scope);
    }

    /** Roots a caller-given path must lie in (real paths, so symbolic links cannot lead outside). */
    List<Path> allowedRoots() {
        return locations.allowedRoots();
    }

    Path allowedPath(String given) {
        Path p;
        try {
            p = Path.of(given);
        } catch (java.nio.file.InvalidPathException e) {
            throw new FerryException(ErrorCode.EXPORT_PATH_NOT_ALLOWED, "path '" + given + "' is not a valid path.", "path");
        }
        if (!p.isAbsolute()) {
            throw new FerryException(ErrorCode.EXPORT_PATH_NOT_ALLOWED, "path must be absolute: " + given, "path");
        }
        Path real = AllowedRoots.realOrNormal(p.normalize());
        List<Path> roots = allowedRoots();
        if (!AllowedRoots.inside(real, roots)) {
            throw new FerryException(ErrorCode.EXPORT_PATH_NOT_ALLOWED, "path " + given + " is outside the allowed export roots "
                    + roots + "; choose a directory below one of them (setting ferry.export.allowed-roots).", "path");
        }
        if (Files.exists(real)) {
            throw new FerryException(ErrorCode.EXPORT_PATH_NOT_ALLOWED, "path " + given + " already exists; exports go to a new "
                    + "directory.", "path");
        }
        return real;
    }

    @Transactional
    public Page<ExportDtos.ExportView> list(String orgRef, String scopeKind, String status, int page, int size) {
        long orgId = organizations.require(orgRef).id;
        return history.list(orgId, scopeKind, status, visibility.historyOwner(orgId), page, size);
    }

    @Transactional
    public ExportDtos.ExportView get(String orgRef, long id) {
        long orgId = organizations.require(orgRef).id;
        return history.get(orgId, id, visibility.historyOwner(orgId));
    }

    /** Deletes an export's files and its record. A running export is canceled through its task instead. */
    public void delete(String orgRef, long id) {
        ExportDtos.ExportView v = get(orgRef, id);
        if (v.status().equals("running")) {
            throw new FerryException(ErrorCode.CONFLICT, "Export " + id + " is still running; cancel its task " + v.taskId()
                    + " first.", "id");
        }
        if (v.location() != null) {
            locations.removeTree(Path.of(v.location()));
        }
        history.delete(id);
    }

    /** A file of a tgz/iso export on this server: a volume, manifest.json, volumes.json or SHA256SUMS. */
    public Path file(String orgRef, long id, String name) {
        ExportDtos.ExportView v = get(orgRef, id);
        boolean known = name.equals(BundlePaths.MANIFEST_COPY) || name.equals(BundlePaths.VOLUMES_INDEX)
                || name.equals(BundlePaths.MANIFEST_COPY + BundlePaths.SIGNATURE_SUFFIX)
                || name.equals(BundlePaths.VOLUMES_INDEX + BundlePaths.SIGNATURE_SUFFIX)
                || name.equals(BundlePaths.SUMS) || v.volumes().stream().anyMatch(vol -> vol.name().equals(name));
        if (!known || v.format().equals("dir")) {
            throw new FerryException(ErrorCode.NOT_FOUND, "Export " + id + " has no file '" + name + "'"
                    + (v.format().equals("dir") ? ": download a dir export's whole tree from .../exports/" + id
                    + "/files/tree.tar (ferry content-export download)." : "."), "name");
        }
        if (!v.status().equals("complete") || v.location() == null) {
            throw new FerryException(ErrorCode.EXPORT_FILES_GONE, "Export " + id + " is " + v.status()
                    + (v.location() == null ? " and was streamed, not stored" : "") + "; its files are not on this server.", "id");
        }
        Path f = Path.of(v.location()).resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new FerryException(ErrorCode.EXPORT_FILES_GONE, "Export " + id + "'s file " + name + " is no longer at "
                    + v.location() + ".", "name");
        }
        return f;
    }

    /** The directory of a completed dir export on this server, to send as one tar stream. */
    public Path tree(String orgRef, long id) {
        ExportDtos.ExportView v = get(orgRef, id);
        if (!v.format().equals("dir")) {
            throw new FerryException(ErrorCode.NOT_FOUND, "Export " + id + " is a " + v.format() + " export: download its volumes "
                    + "(ferry content-export download), not a tree.", "id");
        }
        if (!v.status().equals("complete") || v.location() == null || !Files.isDirectory(Path.of(v.location()))) {
            throw new FerryException(ErrorCode.EXPORT_FILES_GONE, "Export " + id + " is " + v.status() + (v.location() == null
                    ? "" : ", at " + v.location()) + "; no complete tree of it is on this server to download. Export again.", "id");
        }
        return Path.of(v.location());
    }
}
