package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;
import io.ferry.trust.Certificates;
import io.ferry.trust.KeyFiles;
import io.ferry.trust.Pem;
import io.ferry.trust.ServerCa;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * This server's identity towards its upstream, under {@code <trust>/upstream/}: a key pair made here (the key,
 * 0600, never leaves), the certificate request the upstream approves, and the client certificate and upstream
 * CA installed from its answer. Upstream sync presents this certificate.
 */
@ApplicationScoped
public class UpstreamIdentity {
    @Inject
    ServerCa ca;

    Path dir() {
        return ca.trustDir().resolve("upstream");
    }

    /** The installed client key, certificate chain and upstream CA files (they may not exist yet). */
    public Path clientKey() {
        return dir().resolve("client.key");
    }

    public Path clientCertificate() {
        return dir().resolve("client.pem");
    }

    public Path upstreamCa() {
        return dir().resolve("upstream-ca.pem");
    }

    /** Makes a new key pair and a request for {@code name}; an installed certificate keeps working until the new one is installed. */
    public synchronized UpstreamDtos.Request request(String name) {
        String cn = Label.of(name, "name").value();
        try {
            KeyPair key = Certificates.newKeyPair();
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new javax.security.auth.x500.X500Principal(
                    "CN=" + cn + ",OU=Ferry downstream,O=Ferry"), key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(key.getPrivate()));
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                pw.writeObject(csr);
            }
            KeyFiles.write(dir().resolve("pending.key"), key.getPrivate());
            Files.writeString(dir().resolve("pending.csr"), w.toString());
            return new UpstreamDtos.Request(cn, w.toString(), "Send this request to the upstream server's operator, who approves it "
                    + "with: ferry downstream-server approve --name " + cn + " --csr " + cn + ".csr --organization ORG; then install "
                    + "the answer here with: ferry upstream install-certificate --file " + cn + ".pem --ca-file upstream-ca.pem");
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the certificate request: " + e.getMessage(), e);
        }
    }

    /** Installs the upstream's answer: a client certificate for the pending (or current) key, and the upstream's CA. */
    public synchronized UpstreamDtos.Installed install(UpstreamDtos.Install req) {
        List<X509Certificate> chain = Pem.certificates(req == null ? null : req.certificate(), "certificate");
        List<X509Certificate> upstreamCa = req.upstreamCa() == null ? List.of() : Pem.certificates(req.upstreamCa(), "upstreamCa");
        X509Certificate leaf = chain.get(0);
        try {
            Path pending = dir().resolve("pending.key");
            Path current = dir().resolve("client.key");
            Path keyFile = matches(pending, leaf) ? pending : matches(current, leaf) ? current : null;
            if (keyFile == null) {
                throw new FerryException(ErrorCode.UPSTREAM_KEY_MISSING, "This certificate (" + Certificates.subject(leaf) + ") is not "
                        + "for a key this server made. Make a request first (ferry upstream request-certificate) and install the "
                        + "certificate the upstream issued for it.", "certificate");
            }
            if (keyFile == pending) {
                Files.move(pending, current, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            KeyFiles.write(dir().resolve("client.pem"), chain);
            if (!upstreamCa.isEmpty()) {
                KeyFiles.write(dir().resolve("upstream-ca.pem"), upstreamCa);
            }
            return installed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the certificate under " + dir() + ": " + e.getMessage(), e);
        }
    }

    public UpstreamDtos.Installed installed() {
        try {
            Path pem = dir().resolve("client.pem");
            if (!Files.exists(pem)) {
                return new UpstreamDtos.Installed(null, null, null, null, Files.exists(dir().resolve("pending.key")), List.of());
            }
            X509Certificate leaf = KeyFiles.certificates(pem).get(0);
            Path caFile = dir().resolve("upstream-ca.pem");
            List<String> cas = Files.exists(caFile) ? KeyFiles.certificates(caFile).stream().map(Certificates::subject).toList()
                    : List.of();
            return new UpstreamDtos.Installed(Certificates.subject(leaf), leaf.getIssuerX500Principal().getName(),
                    leaf.getNotAfter().toInstant().atOffset(java.time.ZoneOffset.UTC), Certificates.fingerprint(leaf),
                    Files.exists(dir().resolve("pending.key")), cas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(Path keyFile, X509Certificate cert) throws IOException {
        if (!Files.exists(keyFile)) {
            return false;
        }
        java.security.PrivateKey key = KeyFiles.privateKey(keyFile);
        try {
            java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            byte[] probe = "ferry key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(cert.getPublicKey());
            s.update(probe);
            return s.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
