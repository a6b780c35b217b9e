package io.ferry.delta;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the deltas of a batch of blobs against the blobs the receiver holds: the chunks of every target are looked
 * up in the chunk indexes of the candidates (one pass over each candidate's index for the whole batch; memory holds
 * the targets' chunks only), and each target whose delta is worth it gets a recipe file.
 */
public final class DeltaPlan {
    /** A delta is used only when it is at most this fraction of the blob. */
    static final double WORTH = 0.9;
    /**
     * A delta drawing on more base blobs than this is not planned (the blob goes whole): each base is a line of the
     * manifest, which multi-volume exports reserve room for before deltas are planned. Readers accept up to
     * {@link DeltaFormat#MAX_BASES}.
     */
    static final int PLANNED_BASES = 8;

    /**
     * A blob the receiver holds and the index its chunks are read from: its own, or for the beginning of another blob the
     * receiver kept from a broken-off delta, that blob's index ({@code indexOf}) up to {@code limit} bytes.
     */
    public record Candidate(String sha256, Path index, String indexOf, long limit) {
        public Candidate(String sha256, Path index) {
            this(sha256, index, sha256, Long.MAX_VALUE);
        }
    }

    /** A planned delta: its recipe, its size in the bundle, the bases it copies from (ascending) and the bytes it saves. */
    public record Planned(String sha256, long blobSize, Path recipe, long deltaSize, List<String> bases, long literalBytes) {
        public long saved() {
            return blobSize - deltaSize;
        }
    }

    private record Location(int candidate, long offset) {
    }

    private DeltaPlan() {
    }

    /**
     * Plans deltas of {@code targets} (blob SHA-256 to its index file) against {@code candidates}; recipes are written
     * into {@code dir}. Targets without a worthwhile delta are left out of the answer.
     */
    public static List<Planned> plan(Map<String, Path> targets, List<Candidate> candidates, Path dir) throws IOException {
        Map<String, ChunkIndex> indexes = new TreeMap<>();
        Map<String, Location> found = new HashMap<>();
        for (Map.Entry<String, Path> t : targets.entrySet()) {
            ChunkIndex ix = open(t.getValue());
            if (ix == null || !ix.blobSha256().equals(t.getKey())) {
                continue;
            }
            indexes.put(t.getKey(), ix);
            ix.forEach(e -> found.putIfAbsent(e.sha256(), null));
        }
        if (indexes.isEmpty()) {
            return List.of();
        }
        long[] missing = {found.size()};
        for (int c = 0; c < candidates.size() && missing[0] > 0; c++) {
            Candidate cand = candidates.get(c);
            if (targets.containsKey(cand.sha256())) {
                continue;
            }
            ChunkIndex ix = open(cand.index());
            if (ix == null || !ix.blobSha256().equals(cand.indexOf())) {
                continue;
            }
            int ci = c;
            ix.forEach(e -> {
                if (e.offset() + e.length() <= cand.limit() && found.containsKey(e.sha256()) && found.get(e.sha256()) == null) {
                    found.put(e.sha256(), new Location(ci, e.offset()));
                    missing[0]--;
                }
            });
        }
        List<Planned> out = new ArrayList<>();
        for (Map.Entry<String, ChunkIndex> t : indexes.entrySet()) {
            Planned p = recipe(t.getKey(), t.getValue(), found, candidates, dir);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static ChunkIndex open(Path index) {
        try {
            return Files.exists(index) ? ChunkIndex.open(index) : null;
        } catch (IOException e) {
            return null; // a damaged or missing index only means no delta from or to that blob
        }
    }

    private static Planned recipe(String sha, ChunkIndex ix, Map<String, Location> found, List<Candidate> candidates, Path dir)
            throws IOException {
        TreeMap<Integer, Integer> used = new TreeMap<>();
        long[] counts = new long[3]; // copies, literals, literal bytes
        ix.forEach(e -> {
            Location l = found.get(e.sha256());
            if (l == null) {
                counts[1]++;
                counts[2] += e.length();
            } else {
                counts[0]++;
                used.putIfAbsent(l.candidate(), 0);
            }
        });
        if (used.isEmpty() || used.size() > PLANNED_BASES) {
            return null;
        }
        long size = DeltaFormat.size(used.size(), counts[0], counts[1], counts[2]);
        if (size > ix.blobSize() * WORTH) {
            return null;
        }
        // bases ascending by SHA-256; each candidate's number in the base table
        TreeMap<String, Integer> bySha = new TreeMap<>();
        used.keySet().forEach(c -> bySha.put(candidates.get(c).sha256(), c));
        List<String> bases = new ArrayList<>(bySha.keySet());
        Map<Integer, Integer> number = new HashMap<>();
        for (int i = 0; i < bases.size(); i++) {
            number.put(bySha.get(bases.get(i)), i);
        }
        Path recipe = dir.resolve(sha + ".recipe");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(recipe), 1 << 16))) {
            out.write(DeltaFormat.MAGIC);
            out.writeInt(DeltaFormat.VERSION);
            out.writeLong(ix.blobSize());
            out.writeInt(bases.size());
            out.writeInt((int) ix.chunks());
            for (String b : bases) {
                out.write(HexFormat.of().parseHex(b));
            }
            ix.forEach(e -> {
                Location l = found.get(e.sha256());
                out.writeByte(l == null ? DeltaFormat.LITERAL : DeltaFormat.COPY);
                out.write(HexFormat.of().parseHex(e.sha256()));
                out.writeInt(e.length());
                if (l != null) {
                    out.writeInt(number.get(l.candidate()));
                    out.writeLong(l.offset());
                }
            });
            out.write(DeltaFormat.END);
        }
        return new Planned(sha, ix.blobSize(), recipe, size, bases, counts[2]);
    }
}
