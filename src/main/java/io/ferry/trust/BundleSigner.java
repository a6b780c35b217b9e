package io.ferry.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Signs files with this server's bundle-signing key, carrying the CA's current CRL; verifies signatures
 * against trusted certificates plus this server's own CAs, and against CRLs.
 */
@ApplicationScoped
public class BundleSigner {
    @Inject
    ServerCa ca;
    @Inject
    Revocations revocations;

    /** A detached CMS signature (DER) over the file, with the signing certificate, the CA chain and the CA's CRL. */
    public byte[] sign(Path file) throws IOException {
        return Signatures.sign(file, ca.signerKey(), ca.signerChain(), List.of(revocations.currentCrl()));
    }

    /** Verifies against {@code trusted} and this server's own CAs (a server always trusts what it signed itself). */
    public Signatures.Verification verify(byte[] signature, Path file, Collection<X509Certificate> trusted,
                                          Collection<X509CRL> crls) {
        List<X509Certificate> anchors = new ArrayList<>(trusted);
        anchors.addAll(ca.acceptedCas());
        List<X509CRL> all = new ArrayList<>(crls);
        X509CRL own = Crls.parse(revocations.currentCrl());
        if (own != null) {
            all.add(own);
        }
        return Signatures.verify(signature, file, anchors, all, Instant.now());
    }
}
