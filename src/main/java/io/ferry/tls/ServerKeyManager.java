package io.ferry.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents whatever {@link ServerCertificate} holds at each handshake, so a renewed certificate is used at
 * once without restarting the listener. Before the certificate is loaded (the first moments of start-up)
 * it presents none and the handshake fails.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "ferry";
    private final Supplier<ServerCertificate.Current> current;

    ServerKeyManager(Supplier<ServerCertificate.Current> current) {
        this.current = current;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        ServerCertificate.Current c = current.get();
        if (c == null) {
            return null;
        }
        String alg = c.chain().get(0).getPublicKey().getAlgorithm();
        return keyType == null || keyType.equals(alg) || "EC".equals(alg) && keyType.startsWith("EC") ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerCertificate.Current c = current.get();
        return c == null || !ALIAS.equals(alias) ? null : c.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerCertificate.Current c = current.get();
        return c == null || !ALIAS.equals(alias) ? null : c.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
