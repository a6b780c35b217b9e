package io.ferry.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The listener's trust manager: it asks clients for a certificate (naming this server's CAs as acceptable
 * issuers) and lets the handshake complete with whatever is presented. Nothing is trusted here: each request
 * that carries a client certificate is judged by {@code io.ferry.downstream.ClientCertificates} against the
 * enrolled certificates, their issuers and revocations in the database, so a revocation takes effect at the
 * next request, and a refused certificate gets a problem+json answer that says why instead of a TLS alert.
 */
final class ClientCertificateRequest extends X509ExtendedTrustManager {
    private final Supplier<X509Certificate[]> issuers;

    ClientCertificateRequest(Supplier<X509Certificate[]> issuers) {
        this.issuers = issuers;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty client certificate chain");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager only serves the HTTPS listener");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager only serves the HTTPS listener");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only serves the HTTPS listener");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return issuers.get();
    }
}
