package io.ferry.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directories a caller-given server path must lie in, compared as real paths so symbolic links cannot lead outside. */
public final class AllowedRoots {
    private AllowedRoots() {
    }

    public static List<Path> real(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path p : roots) {
            out.add(realOrNormal(p.toAbsolutePath().normalize()));
        }
        return out;
    }

    /** Whether {@code real} lies strictly below one of the roots. */
    public static boolean inside(Path real, List<Path> roots) {
        return roots.stream().anyMatch(root -> real.startsWith(root) && !real.equals(root));
    }

    /** The path with its longest existing prefix resolved to a real path. */
    public static Path realOrNormal(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
