package io.ferry.security;

import java.security.cert.X509Certificate;

/**
 * Recognizes the client certificate of an upstream server pushing content here (issued by the upstream CA this
 * server installed when it enrolled). Asked only for certificates no other authenticator knows.
 */
public interface PushCertificateAuthenticator {
    /** The upstream's principal, or null when the chain is not an upstream's; a FerryException when it is one but refused. */
    Authenticator.Principal authenticate(X509Certificate[] chain);
}
