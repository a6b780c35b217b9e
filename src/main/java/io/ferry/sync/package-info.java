/**
 * Upstream sync: an organization follows an organization of another Ferry server (the Library, a lifecycle
 * environment, or named content views) and pulls it over mutual TLS as signed bundles, streamed by the
 * upstream's export writer and read by this server's import reader (the same rules as media), each sync
 * incremental on the last export it imported from there.
 */
package io.ferry.sync;
