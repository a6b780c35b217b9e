package io.ferry.storage;

/** A stored blob: its SHA-256 (lower-case hex) and size in bytes. */
public record BlobRef(String sha256, long size) {
}
