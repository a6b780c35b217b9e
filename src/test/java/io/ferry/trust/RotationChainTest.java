package io.ferry.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a CA rotation a signature carries the new CA certified by the previous one, so an importer that
 * trusts only the previous CA still verifies it (our verifier and the real openssl), one that trusts the new
 * one does too, and a stranger's CA does not.
 */
class RotationChainTest {
    @Test
    void aSignatureByTheNewCaVerifiesWithThePreviousCaDuringTheOverlap() throws Exception {
        String name = "CN=Ferry CA rotated,O=Ferry";
        KeyPair oldKey = Certificates.newKeyPair();
        X509Certificate oldCa = Certificates.newCa(oldKey, name, Duration.ofDays(30));
        KeyPair newKey = Certificates.newKeyPair();
        X509Certificate newCa = Certificates.newCa(newKey, name, Duration.ofDays(30));
        X509Certificate cross = CaRotation.cross(newCa, oldCa, oldKey, Instant.now().plus(Duration.ofDays(7)));
        KeyPair signerKey = Certificates.newKeyPair();
        X509Certificate signer = Certificates.newSigner(newKey, newCa, signerKey.getPublic(), "CN=Ferry bundle signer,O=Ferry",
                Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(10));
        Path dir = Files.createTempDirectory("ferry-rotation-");
        Path file = Files.writeString(dir.resolve("manifest.json"), "{\"signed\":true}");
        byte[] sig = Signatures.sign(file, signerKey.getPrivate(), List.of(signer, cross)); // as ServerCa.signerChain() during an overlap
        Files.write(dir.resolve("manifest.json.p7s"), sig);

        Signatures.Verification withOld = Signatures.verify(sig, file, List.of(oldCa), Instant.now());
        assertThat(withOld.trusted()).as(withOld.reason()).isTrue();
        assertThat(withOld.chain()).hasSize(3);
        assertThat(Signatures.verify(sig, file, List.of(newCa), Instant.now()).trusted()).isTrue();
        KeyPair strangerKey = Certificates.newKeyPair();
        Signatures.Verification withStranger = Signatures.verify(sig, file, List.of(Certificates.newCa(strangerKey, name,
                Duration.ofDays(30))), Instant.now());
        assertThat(withStranger.valid()).isTrue();
        assertThat(withStranger.trusted()).isFalse();
        // once the overlap ends the cross certificate has expired, and only the new CA verifies
        Signatures.Verification late = Signatures.verify(sig, file, List.of(oldCa), Instant.now().plus(Duration.ofDays(8)));
        assertThat(late.trusted()).isFalse();

        Files.writeString(dir.resolve("old-ca.pem"), Pem.of(oldCa));
        Files.writeString(dir.resolve("new-ca.pem"), Pem.of(newCa));
        for (String caFile : new String[] {"old-ca.pem", "new-ca.pem"}) {
            Tools.Result openssl = Tools.run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content",
                    "manifest.json", "-in", "manifest.json.p7s", "-CAfile", caFile, "-out", "/dev/null");
            assertThat(openssl.exit()).as(caFile + ": " + openssl.out()).isZero();
        }
    }
}
