/**
 * The audit trail: who did what, when, from where, with which result. Records are appended in the transaction of the
 * action they record and chained by hash, so an edited or removed row is found by {@link io.ferry.audit.AuditVerifier}.
 */
package io.ferry.audit;
