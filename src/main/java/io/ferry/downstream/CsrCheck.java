package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The checks a certificate signing request passes before it is approved: one PEM PKCS#10 request, whose
 * signature verifies with the key it carries (proof the requester holds the private key), and a strong key:
 * RSA of at least 2048 bits or EC on a curve of at least 256 bits.
 */
final class CsrCheck {
    static final int MAX_TEXT = 16 * 1024;
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;

    private CsrCheck() {
    }

    /** The public key of a valid request; FERRY-DOWNSTREAM-001/002/003 otherwise. */
    static PublicKey check(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > MAX_TEXT) {
            throw new FerryException(ErrorCode.CSR_INVALID, "The certificate request " + (pem == null || pem.isBlank() ? "is empty"
                    : "is longer than " + MAX_TEXT + " characters") + ". Make one on the downstream server with: ferry upstream "
                    + "request-certificate --name NAME --to NAME.csr", "csr");
        }
        Object o;
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            o = p.readObject();
        } catch (Exception e) {
            o = null;
        }
        if (!(o instanceof PKCS10CertificationRequest req)) {
            throw new FerryException(ErrorCode.CSR_INVALID, "The text is not a PEM certificate request (-----BEGIN CERTIFICATE "
                    + "REQUEST-----). Make one on the downstream server with: ferry upstream request-certificate --name NAME "
                    + "--to NAME.csr", "csr");
        }
        PublicKey key;
        try {
            JcaPKCS10CertificationRequest jreq = new JcaPKCS10CertificationRequest(req);
            key = jreq.getPublicKey();
            if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw signature();
            }
        } catch (FerryException e) {
            throw e;
        } catch (Exception e) {
            throw signature();
        }
        int bits = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
                : key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : -1;
        boolean strong = key instanceof RSAPublicKey ? bits >= MIN_RSA_BITS : key instanceof ECPublicKey && bits >= MIN_EC_BITS;
        if (!strong) {
            throw new FerryException(ErrorCode.CSR_WEAK_KEY, "The certificate request's key (" + key.getAlgorithm()
                    + (bits > 0 ? " " + bits + " bits" : "") + ") is too weak: use EC P-256 or stronger, or RSA of at least "
                    + MIN_RSA_BITS + " bits. ferry upstream request-certificate makes an EC P-256 key.", "csr");
        }
        return key;
    }

    private static FerryException signature() {
        return new FerryException(ErrorCode.CSR_SIGNATURE_INVALID, "The certificate request's signature does not verify with "
                + "the key it carries: it was altered or damaged. Ask for a fresh one (ferry upstream request-certificate).", "csr");
    }
}
