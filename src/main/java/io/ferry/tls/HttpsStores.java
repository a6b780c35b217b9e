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

    private X509Certificate[] issuers() {
        List<X509Certificate> cas = ca.ca() == null ? List.of() : ca.acceptedCas();
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
