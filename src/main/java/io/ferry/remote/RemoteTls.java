package io.ferry.remote;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Builds the TLS context of a remote from PEM texts: a CA bundle to trust (else the JDK's trust
 * store), and a client certificate chain with its key (PKCS#8, PKCS#1 or SEC1) for mutual TLS.
 */
public final class RemoteTls {
    private static final char[] NO_PASSWORD = new char[0];

    private RemoteTls() {
    }

    public static SSLContext context(String caPem, String clientCertPem, String clientKeyPem, boolean verify) {
        if ((clientCertPem == null) != (clientKeyPem == null)) {
            throw invalid("a client certificate needs its key and a key needs its certificate; give both or neither", "remote.clientKey");
        }
        try {
            TrustManager[] trust = verify ? trustManagers(caPem) : new TrustManager[] {new TrustAll()};
            KeyManagerFactory kmf = null;
            if (clientCertPem != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                Collection<? extends Certificate> chain = certificates(clientCertPem, "remote.clientCert");
                ks.setKeyEntry("client", privateKey(clientKeyPem), NO_PASSWORD, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, NO_PASSWORD);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw invalid("the TLS settings cannot be used: " + e.getMessage(), "remote");
        }
    }

    private static TrustManager[] trustManagers(String caPem) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caPem == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caPem, "remote.caCert")) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(ks);
        }
        return tmf.getTrustManagers();
    }

    private static Collection<? extends Certificate> certificates(String pem, String field) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw invalid("no PEM certificate found", field);
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw invalid("not a PEM certificate (" + e.getMessage() + ")", field);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw invalid("no unencrypted PEM private key found (PKCS#8, PKCS#1 or EC)", "remote.clientKey");
        } catch (IOException e) {
            throw invalid("the private key cannot be read: " + e.getMessage(), "remote.clientKey");
        }
    }

    private static FerryException invalid(String what, String field) {
        return new FerryException(ErrorCode.REMOTE_TLS_INVALID, "Remote TLS settings: " + what + ".", field);
    }

    /** Used only when the operator turned verification off for a remote. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
