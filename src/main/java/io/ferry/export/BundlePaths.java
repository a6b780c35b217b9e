package io.ferry.export;

/** Where things live inside a bundle (a dir export, or each tgz/iso volume). Documented in docs/export-format.md. */
public final class BundlePaths {
    public static final String MANIFEST = "ferry/manifest.json";
    public static final String VOLUME = "ferry/volume.json";
    /** The manifest's detached CMS signature, in every volume (after the marker) and beside the volumes. */
    public static final String SIGNATURE = "ferry/manifest.json.p7s";
    public static final String SIGNATURE_SUFFIX = ".p7s";
    /** Next to the volumes of a tgz/iso export: the volumes' sizes and digests (a file cannot hold its own digest). */
    public static final String VOLUMES_INDEX = "volumes.json";
    public static final String MANIFEST_COPY = "manifest.json";
    public static final String SUMS = "SHA256SUMS";

    private BundlePaths() {
    }

    /** The signature file of a file written beside it ({@code manifest.json} -> {@code manifest.json.p7s}). */
    public static java.nio.file.Path signatureOf(java.nio.file.Path file) {
        return file.resolveSibling(file.getFileName() + SIGNATURE_SUFFIX);
    }

    public static String blob(String sha256) {
        return "blobs/" + sha256;
    }

    public static String delta(String sha256) {
        return "deltas/" + sha256;
    }

    public static String part(String sha256, int part) {
        return String.format("parts/%s/%05d", sha256, part);
    }
}
