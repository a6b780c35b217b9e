package io.ferry.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bundle whose signer a trusted CA revoked is refused, whether the CRL travels in the signature or was added
 * to the organization separately; this server's own signer revocation reaches imports of its older bundles,
 * and the real openssl agrees (cms -verify -crl_check). Bad CRLs are refused and change nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class SignerRevocationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = SignedBundleTest.ORGS;

    static String crlPem(byte[] der) {
        return PkiResource.pem(der);
    }

    @Test
    void aRevokedSignerIsRefusedByTheCrlItCarriesOrByOneAddedSeparately() throws Exception {
        SignedBundleTest.Source s = SignedBundleTest.source();
        Path pristine = Path.of(SignedBundleTest.export(s, "dir", ",\"link\":false").getString("location"));
        KeyPair caKey = Certificates.newKeyPair();
        X509Certificate otherCa = Certificates.newCa(caKey, "CN=Revoking CA,O=Elsewhere", Duration.ofDays(30));
        KeyPair signerKey = Certificates.newKeyPair();
        X509Certificate signer = Certificates.newSigner(caKey, otherCa, signerKey.getPublic(), "CN=Revoked signer,O=Elsewhere",
                Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(10));
        byte[] crl = Crls.build(otherCa, caKey.getPrivate(), List.of(new Crls.Entry(signer.getSerialNumber(), Instant.now(),
                Revocations.KEY_COMPROMISE)));
        String org = ContentFixtures.org();
        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", Pem.of(otherCa)).toString())
                .post(ORGS + org + "/trusted-certificates").then().statusCode(201);

        Path carried = SignedBundleTest.tampered(pristine, (m, marker) -> {
            try {
                marker.put("manifestSignature", Base64.getEncoder().encodeToString(Signatures.sign(
                        pristine.resolve("ferry/manifest.json"), signerKey.getPrivate(), List.of(signer, otherCa), List.of(crl))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SignedBundleTest.refused(org, carried, "FERRY-IMPORT-018").body("detail", containsString("CN=Revoked signer"))
                .body("detail", containsString("revoked"));

        Path plain = SignedBundleTest.resigned(pristine, signerKey, List.of(signer, otherCa));
        String status = Api.asAdmin().contentType("application/json").body("{\"path\":\"" + plain + "\"}")
                .post(ORGS + org + "/imports/check").then().statusCode(200).extract().jsonPath()
                .getString("checks.find { it.name == 'signature' }.status");
        assertThat(status).isEqualTo("ok");

        String crls = ORGS + org + "/trusted-crls";
        KeyPair strangerKey = Certificates.newKeyPair();
        X509Certificate stranger = Certificates.newCa(strangerKey, "CN=Revoking CA,O=Elsewhere", Duration.ofDays(30));
        byte[] forged = Crls.build(stranger, strangerKey.getPrivate(), List.of());
        for (String bad : new String[] {crlPem(forged), "not a crl", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n",
            "x".repeat(70_000), Pem.of(otherCa)}) {
            Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", bad).toString()).post(crls).then()
                    .statusCode(422).body("code", is("FERRY-TRUST-004"));
        }
        Api.asAdmin().get(crls).then().statusCode(200).body("size()", is(0));
        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", crlPem(crl)).toString()).post(crls)
                .then().statusCode(201).body("revokedCount", is(1)).body("issuer", containsString("Revoking CA"));
        SignedBundleTest.refused(org, plain, "FERRY-IMPORT-018");
    }

    @Test
    void revokingThisServersSignerRefusesItsEarlierBundlesAndOpensslAgrees() throws Exception {
        SignedBundleTest.Source s = SignedBundleTest.source();
        Path before = Path.of(SignedBundleTest.export(s, "tgz", "").getString("location"));
        String oldSigner = Api.asAdmin().get("/api/v1/trust/signer").then().statusCode(200).extract().path("fingerprint");
        String fresh = Api.asAdmin().post("/api/v1/trust/signer/renew?revokePrevious=true").then().statusCode(200).extract()
                .path("fingerprint");
        assertThat(fresh).isNotEqualTo(oldSigner);
        Path after = Path.of(SignedBundleTest.export(s, "tgz", ",\"destination\":\"after-revocation\"").getString("location"));

        String org = ContentFixtures.org();
        SignedBundleTest.refused(org, before, "FERRY-IMPORT-018");
        Api.asAdmin().contentType("application/json").body("{\"path\":\"" + after + "\"}").post(ORGS + org + "/imports/check")
                .then().statusCode(200).body("ok", is(true));

        Path ca = SignedBundleTest.caPem();
        // the published CRL revokes the old bundle's signer, says openssl verify
        Path crl = Files.createTempFile("ferry-crl-", ".pem");
        Files.writeString(crl, Api.asAdmin().get("/pki/crl.pem").then().statusCode(200).extract().asString());
        Path signerPem = Files.createTempFile("ferry-signer-", ".pem");
        Tools.ok(before, "openssl", "cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-content", "manifest.json", "-in",
                "manifest.json.p7s", "-signer", signerPem.toString(), "-out", "/dev/null");
        Tools.Result revoked = Tools.run(before, "openssl", "verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile",
                crl.toString(), signerPem.toString());
        assertThat(revoked.exit()).as(revoked.out()).isNotZero();
        assertThat(revoked.out()).contains("certificate revoked");
        // the newer signature carries the CRL itself: -crl_check needs no CRL file
        Tools.Result ok = Tools.run(after, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content", "manifest.json", "-in",
                "manifest.json.p7s", "-CAfile", ca.toString(), "-crl_check", "-out", "/dev/null");
        assertThat(ok.exit()).as(ok.out()).isZero();
    }
}
