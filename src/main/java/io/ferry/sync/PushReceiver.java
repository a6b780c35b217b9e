package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.imports.ImportHandler;
import io.ferry.imports.ImportService;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The downstream side of a push: the bundle the upstream sends is streamed into the import root's {@code .sync/}
 * directory and imported by a task ({@link PushImportHandler}) with the same reader and rules as media and sync.
 * A push that breaks off keeps the whole blobs it carried (see {@link PartialTransfers}), so the next push, whose
 * receipt lists them, does not send them again.
 */
@ApplicationScoped
public class PushReceiver {
    @Inject
    OrganizationRepository organizations;
    @Inject
    ImportService imports;
    @Inject
    PartialTransfers partials;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;

    public TaskView receive(String orgRef, InputStream body) {
        OrganizationEntity org = QuarkusTransaction.requiringNew().call(() -> organizations.require(orgRef));
        Path dir;
        try {
            dir = Files.createDirectories(imports.root().resolve(".sync"));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot create " + imports.root().resolve(".sync") + ": " + e.getMessage(), e);
        }
        Path file = PartialTransfers.file(dir, org.id, "push-" + UUID.randomUUID(), 0);
        Path part = file.resolveSibling(file.getFileName() + PartialTransfers.PART);
        try (OutputStream out = Files.newOutputStream(part)) {
            body.transferTo(out);
        } catch (IOException e) {
            long kept = partials.keep(part, org.id);
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, "The pushed bundle broke off after " + io.ferry.common.Words.count(kept, "whole blob") + ": "
                    + e.getMessage() + ". Nothing was imported; the blobs received were verified and kept, so the next push "
                    + "does not send them again.", e);
        }
        try {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot keep the pushed bundle at " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> params = new java.util.HashMap<>(Map.of("organizationId", org.id, "path", file.toString()));
        if (currentUser.scope() instanceof PushScope pusher) {
            params.put("pusherServerId", pusher.serverId());
        }
        return QuarkusTransaction.requiringNew().call(() -> tasks.submit(PushImportHandler.TYPE, params,
                List.of(ImportHandler.LOCK, "sync:" + org.id), currentUser.username()));
    }
}
