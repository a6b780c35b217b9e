/**
 * The HTTPS listener: this server's TLS certificate (issued by its CA, or configured by the operator), renewed
 * before it expires and swapped into the running listener; client certificates are requested, not required,
 * and judged per request by the downstream package.
 */
package io.ferry.tls;
