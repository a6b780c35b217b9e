/** The content-addressed blob store on disk (SHA-256, streaming, atomic) and its health check. */
package io.ferry.storage;
