/** Persisted tasks for long operations: submission, resource locks, the worker pool, progress, cancelation and interrupted-on-restart. */
package io.ferry.task;
