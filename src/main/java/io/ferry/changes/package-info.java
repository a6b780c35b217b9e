/**
 * What changed, for the in-memory answers every node keeps ({@code /content} resolution, credentials): a generation
 * number that moves when this node commits a change and when PostgreSQL notifies a change committed by any node.
 */
package io.ferry.changes;
