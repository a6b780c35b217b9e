/**
 * Import: bundles written by {@code io.ferry.export} brought into this server. {@code bundle} reads
 * volumes in place (tar.gz streams, ISO images, directory trees) and the manifest as a stream;
 * {@link io.ferry.imports.BlobIngest} verifies and stores blobs; {@link io.ferry.imports.ImportApplier}
 * applies everything in one transaction. Documented in docs/imports.md.
 */
package io.ferry.imports;
