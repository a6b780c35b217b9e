package io.ferry.remote;

import io.ferry.common.AllowedRoots;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.type.PulpManifest;
import io.ferry.content.type.UnitRow;
import io.ferry.imports.ImportService;
import io.ferry.task.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Remotes that are a mounted directory tree ({@code file:///mnt/isos/}): the tree must lie inside
 * {@code ferry.import.allowed-roots} (the same roots media imports read from), and a sync reads it instead of
 * downloading: every regular file is streamed into the blob store once (hashed as it is copied), and listed in an
 * index of the PULP_MANIFEST form, so the rest of the sync (validation, the mirrored version) is the same as for
 * HTTP remotes. Symbolic links are not followed and, like sockets and devices, are skipped and counted.
 */
@ApplicationScoped
public class FileRemotes {
    @Inject
    ImportService imports;

    /** What a scan found. */
    public record Scan(long files, long bytes, long skipped) {
    }

    public static boolean isFile(String url) {
        return url != null && url.regionMatches(true, 0, "file:", 0, 5);
    }

    /** The tree a {@code file:} URL names, as a real path inside the allowed roots; refused otherwise. */
    public Path requireAllowed(String url) {
        Path p;
        try {
            URI u = new URI(url);
            if (!"file".equalsIgnoreCase(u.getScheme()) || u.getRawAuthority() != null && !u.getRawAuthority().isEmpty()
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("not a local file URL");
            }
            p = Path.of(u);
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A directory remote is file:///absolute/directory/ (no host, query "
                    + "or fragment); got '" + url + "'.", "remote.url");
        }
        List<Path> roots = imports.allowedRoots();
        Path real = AllowedRoots.realOrNormal(p.normalize());
        if (!AllowedRoots.inside(real, roots)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "The directory " + p + " is outside the allowed import roots "
                    + roots + ": mount it below one of them or add its directory to ferry.import.allowed-roots.", "remote.url");
        }
        return real;
    }

    /** Reads the tree under {@code url} into the store and writes its index; progress on {@code ctx}. */
    public Scan scan(String url, Path index, io.ferry.storage.BlobBatch batch, TaskContext ctx) throws IOException {
        Path root = requireAllowed(url);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new FerryException(ErrorCode.REMOTE_UNREACHABLE, "The directory remote " + root + " is not a directory here (not "
                    + "mounted?); the repository is unchanged.", "remote.url");
        }
        long files = 0;
        long bytes = 0;
        long skipped = 0;
        long shown = System.nanoTime();
        try (Writer out = Files.newBufferedWriter(index, StandardCharsets.UTF_8); Stream<Path> walk = Files.walk(root)) {
            for (Iterator<Path> it = walk.iterator(); it.hasNext(); ) {
                Path f = it.next();
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    continue;
                }
                String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (!a.isRegularFile() || rel.equals(PulpManifest.NAME)) {
                    skipped++;
                    continue;
                }
                ctx.checkCanceled();
                io.ferry.storage.BlobRef ref;
                long before = System.nanoTime();
                try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                    ref = batch.put(in, null);
                }
                files++;
                bytes += ref.size();
                ctx.addBytes(ref.size());
                PulpManifest.writeLine(out, new UnitRow(0, rel, ref.sha256(), ref.size(), Map.of(), 0, null));
                if (before - shown > 1_000_000_000L) {
                    shown = before;
                    ctx.step("reading " + root + ": " + io.ferry.common.Words.count(files, "file") + ", " + io.ferry.common.Words.bytes(bytes) + " so far");
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return new Scan(files, bytes, skipped);
    }
}
