package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.trust.Certificates;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/** The checks a certificate from an operator's own (external) CA passes before it is mapped to a downstream identity. */
final class ExternalCertificates {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private ExternalCertificates() {
    }

    static X509Certificate check(X509Certificate cert, X509Certificate issuer) {
        if (issuer.getBasicConstraints() < 0) {
            throw invalid("issuerCa " + Certificates.subject(issuer) + " is not a CA certificate", "issuerCa");
        }
        try {
            cert.verify(issuer.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw invalid("the certificate " + Certificates.subject(cert) + " was not issued by " + Certificates.subject(issuer),
                    "certificate");
        }
        if (cert.getBasicConstraints() >= 0) {
            throw invalid("the certificate " + Certificates.subject(cert) + " is a CA, not a client certificate", "certificate");
        }
        Date now = new Date();
        if (cert.getNotAfter().before(now) || cert.getNotBefore().after(now)) {
            throw invalid("the certificate " + Certificates.subject(cert) + " is not valid now (" + cert.getNotBefore().toInstant()
                    + " to " + cert.getNotAfter().toInstant() + ")", "certificate");
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku != null && !eku.contains(CLIENT_AUTH)) {
                throw invalid("the certificate " + Certificates.subject(cert) + " is not for TLS client authentication (extended "
                        + "key usage clientAuth)", "certificate");
            }
        } catch (CertificateParsingException e) {
            throw invalid("the certificate's extended key usage cannot be read", "certificate");
        }
        return cert;
    }

    private static FerryException invalid(String why, String field) {
        return new FerryException(ErrorCode.TRUST_CERTIFICATE_INVALID, "Cannot map the external certificate: " + why + ".", field);
    }
}
