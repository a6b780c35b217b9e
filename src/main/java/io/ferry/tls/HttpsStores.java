package io.ferry.tls;

import io.ferry.trust.ServerCa;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.quarkus.tls.runtime.TrustStoreAndTrustOptions;
import io.quarkus.tls.runtime.TrustStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The key and trust material of the TLS registry's {@code ferry-https} configuration, which the HTTPS listener
 * uses ({@code quarkus.http.tls-configuration-name}): live views of {@link ServerCertificate} and of the CAs
 * this server accepts client certificates from.
 */
@ApplicationScoped
public class HttpsStores {
    static final String NAME = "ferry-https";

    @Inject
    ServerCertificate certificate;
    @Inject
    ServerCa ca;
    @Inject
    io.ferry.downstream.UpstreamIdentity upstreamIdentity;

    @Produces
    @Identifier(NAME)
    KeyStoreProvider keyStore() {
        return vertx -> new KeyStoreAndKeyCertOptions(empty(), KeyCertOptions.wrap(new ServerKeyManager(certificate::current)));
    }

    @Produces
    @Identifier(NAME)
    TrustStoreProvider trustStore() {
        return vertx -> new TrustStoreAndTrustOptions(empty(), TrustOptions.wrap(new ClientCertificateRequest(this::issuers)));
    }

    /**
     * The CAs named in the certificate request (clients such as the JDK's only offer a certificate one of them issued):
     * this server's, and the upstream CA installed at enrollment, whose push client certificates an upstream presents.
     */
    private X509Certificate[] issuers() {
        List<X509Certificate> cas = new java.util.ArrayList<>(ca.ca() == null ? List.of() : ca.acceptedCas());
        java.nio.file.Path upstream = upstreamIdentity.upstreamCa();
        if (java.nio.file.Files.isRegularFile(upstream)) {
            try {
                for (X509Certificate c : io.ferry.trust.KeyFiles.certificates(upstream)) {
                    if (!cas.contains(c)) {
                        cas.add(c);
                    }
                }
            } catch (IOException e) {
                // an unreadable file: pushes are refused until it is installed again
            }
        }
        return cas.toArray(X509Certificate[]::new);
    }

    private static KeyStore empty() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
