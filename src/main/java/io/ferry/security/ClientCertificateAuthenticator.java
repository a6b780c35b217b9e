package io.ferry.security;

import java.security.cert.X509Certificate;

/** Authenticates a request by the client certificate it presented over TLS (implemented by the downstream feature). */
public interface ClientCertificateAuthenticator {
    /** The principal the certificate chain (leaf first) stands for; a FerryException (401) when it stands for none. */
    Authenticator.Principal authenticate(X509Certificate[] chain);
}
