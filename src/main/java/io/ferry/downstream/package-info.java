/**
 * Downstream servers: enrollment (a CSR approved into a client certificate bound to a name and a scope),
 * listing, revocation, and the authentication and scope check of requests that present such a certificate.
 * The upstream side of enrollment (this server's own key and CSR) is {@link io.ferry.downstream.UpstreamIdentity}.
 */
package io.ferry.downstream;
