package io.ferry.upload;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.security.CurrentUser;
import io.ferry.storage.BlobRef;
import io.ferry.storage.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Resumable uploads (as Pulp's uploads API): announce a size, send chunks with Content-Range in order,
 * ask for the offset after an interruption and go on from there, then add the upload to a repository.
 * Bytes go straight to {@code <data>/uploads/<id>} (fsynced per chunk), on the blob store's file system,
 * so adding it to the store is a rename after one hashing pass.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final int BUFFER = 1 << 20;

    @Inject
    EntityManager em;
    @Inject
    FerryConfig config;
    @Inject
    UploadsConfig uploads;
    @Inject
    CurrentUser currentUser;
    @Inject
    BlobStore blobs;

    @Transactional
    public UploadDtos.UploadView create(long size) {
        if (size > uploads.maxSize().asLongValue()) {
            throw new FerryException(ErrorCode.UPLOAD_TOO_LARGE, "Uploads are limited to " + uploads.maxSize().asLongValue()
                    + " bytes (ferry.uploads.max-size); " + size + " were announced.", "size");
        }
        UploadEntity u = new UploadEntity();
        u.id = UUID.randomUUID();
        u.size = size;
        u.createdBy = currentUser.username();
        u.createdAt = OffsetDateTime.now();
        u.updatedAt = u.createdAt;
        try {
            Files.createDirectories(dir());
            Files.createFile(file(u.id));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot create the upload file in " + dir() + ": " + e.getMessage(), e);
        }
        em.persist(u);
        return view(u);
    }

    @Transactional
    public UploadDtos.UploadView get(UUID id) {
        return view(find(id));
    }

    /** Appends one chunk, which must start at the current offset. */
    public UploadDtos.UploadView write(UUID id, String contentRange, InputStream body) {
        ContentRange range = ContentRange.parse(contentRange);
        long size = QuarkusTransaction.requiringNew().call(() -> find(id).size);
        if (range.total() != null && range.total() != size) {
            throw new FerryException(ErrorCode.MALFORMED_REQUEST, "Content-Range names a total of " + range.total()
                    + " bytes but the upload was announced with " + size + ".", "Content-Range");
        }
        if (range.last() >= size) {
            throw new FerryException(ErrorCode.UPLOAD_TOO_LARGE, "The chunk ends at byte " + range.last() + " but the upload has "
                    + size + " bytes (last byte " + (size - 1) + ").", "Content-Range");
        }
        try (FileChannel ch = FileChannel.open(file(id), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new FerryException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "Another request is writing to upload " + id
                        + " right now; wait for it and ask for the offset.", "id");
            }
            long offset = ch.size();
            if (range.first() != offset) {
                throw new FerryException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "Upload " + id + " has " + offset + " bytes; send the "
                        + "next chunk from offset " + offset + " (this one starts at " + range.first() + ").", "Content-Range");
            }
            long received = append(ch, offset, range.length(), body);
            ch.force(false);
            if (received < range.length()) {
                LOG.infof("Upload %s: chunk at %d brought %d of %d announced bytes", id, offset, received, range.length());
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Could not write upload " + id + ": " + e.getMessage()
                    + ". Ask for the offset and send the rest again.", e);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity u = find(id);
            u.updatedAt = OffsetDateTime.now();
            return view(u);
        });
    }

    /** Moves a complete upload into the blob store (checking the digest when given) and forgets the upload. */
    public BlobRef finish(UUID id, String expectedSha256) {
        UploadDtos.UploadView v = QuarkusTransaction.requiringNew().call(() -> view(find(id)));
        if (!v.complete()) {
            throw new FerryException(ErrorCode.UPLOAD_INCOMPLETE, "Upload " + id + " has " + v.offset() + " of " + v.size()
                    + " bytes; send the rest from offset " + v.offset() + " first.", "upload");
        }
        BlobRef ref = blobs.adopt(file(id), expectedSha256);
        QuarkusTransaction.requiringNew().run(() -> em.remove(find(id)));
        return ref;
    }

    @Transactional
    public void delete(UUID id) {
        em.remove(find(id));
        deleteFile(id);
    }

    /** Deletes uploads nobody wrote to for {@code ferry.uploads.expire-after}, and stray files. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        OffsetDateTime cutoff = OffsetDateTime.now().minus(uploads.expireAfter());
        List<UUID> stale = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select u.id from UploadEntity u where u.updatedAt < :cutoff", UUID.class).setParameter("cutoff", cutoff)
                .setMaxResults(1000).getResultList());
        for (UUID id : stale) {
            QuarkusTransaction.requiringNew().run(() -> em.createQuery("delete from UploadEntity u where u.id = :id")
                    .setParameter("id", id).executeUpdate());
            deleteFile(id);
        }
        if (!stale.isEmpty()) {
            LOG.infof("Deleted %d upload(s) not written to for %s", stale.size(), uploads.expireAfter());
        }
    }

    private long append(FileChannel ch, long offset, long length, InputStream body) throws IOException {
        byte[] buf = new byte[BUFFER];
        long received = 0;
        long pos = offset;
        int n;
        while ((n = body.read(buf)) >= 0) {
            if (received + n > length) {
                ch.truncate(offset);
                throw new FerryException(ErrorCode.UPLOAD_TOO_LARGE, "The chunk body is longer than its Content-Range ("
                        + length + " bytes); nothing of it was kept.", "Content-Range");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                pos += ch.write(bb, pos);
            }
            received += n;
        }
        return received;
    }

    private UploadEntity find(UUID id) {
        UploadEntity u = em.find(UploadEntity.class, id);
        if (u != null && io.quarkus.arc.Arc.container().requestContext().isActive() && currentUser.scope() != null
                && !currentUser.username().equals(u.createdBy)) {
            u = null; // a user with roles writes only into its own uploads (administrators into any)
        }
        if (u == null) {
            throw new FerryException(ErrorCode.UPLOAD_NOT_FOUND, "No upload " + id + " (finished, deleted or expired after "
                    + uploads.expireAfter() + " without writes). Start a new one with POST /api/v1/uploads.", "upload");
        }
        return u;
    }

    private UploadDtos.UploadView view(UploadEntity u) {
        long offset;
        try {
            offset = Files.size(file(u.id));
        } catch (IOException e) {
            offset = 0;
        }
        return new UploadDtos.UploadView(u.id, u.size, offset, offset == u.size, u.createdBy, u.createdAt,
                u.updatedAt.plus(uploads.expireAfter()));
    }

    private Path dir() {
        return config.dataDir().resolve("uploads");
    }

    private Path file(UUID id) {
        return dir().resolve(id.toString());
    }

    private void deleteFile(UUID id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warnf("Could not delete upload file %s: %s", file(id), e.getMessage());
        }
    }
}
