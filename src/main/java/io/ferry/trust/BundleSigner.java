package io.ferry.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Signs files with this server's bundle-signing key; verifies signatures against trusted certificates plus this server's CA. */
@ApplicationScoped
public class BundleSigner {
    @Inject
    ServerCa ca;

    /** A detached CMS signature (DER) over the file, with the signing certificate and the CA. */
    public byte[] sign(Path file) throws IOException {
        return Signatures.sign(file, ca.signerKey(), ca.signerChain());
    }

    /** Verifies against {@code trusted} and this server's own CA (a server always trusts what it signed itself). */
    public Signatures.Verification verify(byte[] signature, Path file, Collection<X509Certificate> trusted) {
        List<X509Certificate> anchors = new ArrayList<>(trusted);
        anchors.add(ca.ca());
        return Signatures.verify(signature, file, anchors, Instant.now());
    }
}
