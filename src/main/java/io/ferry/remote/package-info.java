/** Syncing a repository from a remote over HTTP(S) with a CA bundle and client certificate: index, verified resumable downloads, one final transaction. */
package io.ferry.remote;
