package io.ferry.imports.bundle;

/** Upper bounds a bundle must stay within (settings {@code ferry.import.max-*}). */
public record Limits(long maxManifestBytes, long maxUnits, long maxBlobs, int maxRepositories, int maxVolumes, long maxBlobSize) {
}
