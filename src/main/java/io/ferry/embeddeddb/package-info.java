/** The embedded PostgreSQL: found or unpacked binaries, a cluster under the data directory run as an unprivileged user when Ferry is root, start, reuse, crash recovery and stop. Used only when no datasource URL is configured. */
package io.ferry.embeddeddb;
