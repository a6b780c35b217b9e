package io.ferry.imports;

import io.ferry.common.AllowedRoots;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.Limits;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.security.CurrentUser;
import io.ferry.storage.BlobStore;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Import check, submission, and history. The checks run again in the task, against the state it finds. */
@ApplicationScoped
public class ImportService {
    @Inject
    io.ferry.security.Visibility visibility;
    @Inject
    ImportPermissions permissions;
    /** One import at a time per server: imports share the blob store's assembly files and are disk-bound anyway. */
    static final String LOCK = "import";

    @Inject
    ImportConfig config;
    @Inject
    FerryConfig ferry;
    @Inject
    OrganizationRepository organizations;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    ImportPlanner planner;
    @Inject
    ImportHistory history;
    @Inject
    BlobStore store;
    @Inject
    io.ferry.content.type.ContentTypes types;
    @Inject
    ImportSignature signature;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;

    /** Either a task was started or the export was imported before. */
    public record Submitted(TaskView task, ImportDtos.AlreadyImported already) {
    }

    public Path root() {
        return config.root().orElse(ferry.dataDir().resolve("imports")).toAbsolutePath().normalize();
    }

    /** Creates the import root at start, so operators have the directory to copy media into. */
    void createRoot(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        try {
            Files.createDirectories(root());
        } catch (java.io.IOException e) {
            org.jboss.logging.Logger.getLogger(ImportService.class).warnf("Cannot create the import root %s: %s", root(),
                    e.getMessage());
        }
    }

    Limits limits() {
        return new Limits(config.maxManifestBytes(), config.maxUnits(), config.maxBlobs(), config.maxRepositories(),
                config.maxVolumes(), config.maxBlobSize());
    }

    /** The roots bundles (and directory remotes) are read from, as real paths: ferry.import.allowed-roots, default the import root. */
    public List<Path> allowedRoots() {
        return AllowedRoots.real(config.allowedRoots().orElse(List.of(root())));
    }

    /** An existing path inside the allowed roots, as a real path. */
    Path allowedPath(String given) {
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, "path '" + given + "' is not a valid path.", "path");
        }
        if (!p.isAbsolute()) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, "path must be absolute: " + given, "path");
        }
        List<Path> roots = allowedRoots();
        Path real = AllowedRoots.realOrNormal(p.normalize());
        if (!AllowedRoots.inside(real, roots)) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, "path " + given + " is outside the allowed import roots "
                    + roots + "; copy the bundle below one of them (setting ferry.import.allowed-roots).", "path");
        }
        if (!Files.exists(real)) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, "path " + given + " does not exist on this server.", "path");
        }
        return real;
    }

    /**
     * Runs every import rule against the bundle at {@code path} for the organization (the same rules the check
     * reports); answers the state with the bundle open (the caller closes it) and, when the export was imported
     * before, {@link ImportRules.State#already} set and nothing more checked.
     */
    ImportRules.State prepare(OrganizationEntity org, Path path, String kind) {
        return ImportRules.enforce(ImportRules.all(this, planner, false), new ImportRules.State(org, path, kind));
    }

    List<Long> environmentIds(OrganizationEntity org, List<String> refs) {
        List<Long> ids = new ArrayList<>();
        for (String ref : refs == null ? List.<String>of() : refs) {
            ids.add(environments.require(org.id, ref).id);
        }
        return ids;
    }

    ImportDtos.AlreadyImported alreadyImported(OrganizationEntity org, Manifest m) {
        ManifestHeader h = m.header();
        Long previous = history.succeeded(org.id, h.sourceServerId(), h.exportId(), m.sha256());
        if (previous == null) {
            return null;
        }
        ImportDtos.ImportView v = history.get(org.id, previous);
        return new ImportDtos.AlreadyImported("already-imported", "Export " + h.exportId() + " of server '" + h.sourceServerName()
                + "' (" + h.scopeDescription() + ") was imported into organization '" + org.label + "' by import " + previous
                + " on " + v.finishedAt() + "; nothing to do.", v);
    }

    /** Not one transaction: the checks may read a large manifest; each database read runs in its own. */
    public Submitted submit(String orgRef, ImportDtos.ImportRequest req) {
        OrganizationEntity org = organizations.require(orgRef);
        Path path = allowedPath(req.path());
        List<Long> envIds = environmentIds(org, req.promoteTo());
        ImportRules.State s = prepare(org, path, req.kind());
        try (Bundle b = s.bundle) {
            if (s.already != null) {
                return new Submitted(null, s.already);
            }
            if (!envIds.isEmpty() && !"content_view_version".equals(b.manifest().header().scopeKind())) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "promoteTo applies to content view versions only; this "
                        + "bundle holds " + b.manifest().header().scopeDescription() + ".", "promoteTo");
            }
            if (currentUser.scope() instanceof io.ferry.security.RoleScope roles) {
                permissions.check(roles, org.id, org.label, b.manifest(), envIds);
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", org.id);
        params.put("path", path.toString());
        if (req.kind() != null) {
            params.put("kind", req.kind());
        }
        params.put("environmentIds", envIds);
        return new Submitted(tasks.submit(ImportHandler.TYPE, params, List.of(LOCK), currentUser.username()), null);
    }

    /** Writes nothing; hashing volumes may take minutes, so no transaction is held. */
    public ImportDtos.CheckReport check(String orgRef, ImportDtos.CheckRequest req) {
        OrganizationEntity org = organizations.require(orgRef);
        Path path = allowedPath(req.path());
        return new ImportCheck(ImportRules.all(this, planner, req.verifyChecksums() == null || req.verifyChecksums()),
                new ImportRules.State(org, path, null)).run();
    }

    @Transactional
    public Page<ImportDtos.ImportView> list(String orgRef, String status, int page, int size) {
        long orgId = organizations.require(orgRef).id;
        return history.list(orgId, status, visibility.historyOwner(orgId), page, size);
    }

    @Transactional
    public ImportDtos.ImportView get(String orgRef, long id) {
        long orgId = organizations.require(orgRef).id;
        return history.get(orgId, id, visibility.historyOwner(orgId));
    }
}
