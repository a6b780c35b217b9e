package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.downstream.UpstreamIdentity;
import io.ferry.security.Authenticator;
import io.ferry.security.Permission;
import io.ferry.security.PushCertificateAuthenticator;
import io.ferry.trust.Certificates;
import io.ferry.trust.KeyFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Recognizes the upstream pushing content here: a client certificate (clientAuth) issued by the upstream CA this
 * server installed at enrollment ({@code trust/upstream/upstream-ca.pem}), valid now, and the upstream server's own
 * push certificate ({@code O=Ferry push}, OU its server id, the one its CA names), not one of the downstream
 * certificates the same CA issues. The pushing server's id goes with the principal: its bundles must be written by
 * it ({@link SyncExpectation#ofPush}). The principal may only
 * hand over bundles and this server's receipt for organizations that accept pushes ({@code --accept-push}), and
 * follow the import tasks it started.
 */
@ApplicationScoped
public class PushCertificates implements PushCertificateAuthenticator {
    static final Set<Permission> PERMISSIONS = EnumSet.of(Permission.VIEW_STATUS, Permission.VIEW_TASKS, Permission.IMPORT_CONTENT);
    static final String PRINCIPAL = io.ferry.common.value.Actor.UPSTREAM;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** The subject's O of the certificate a server pushes with ({@link PushIdentity}). */
    static final String PUSH_ORGANIZATION = "Ferry push";

    @Inject
    UpstreamIdentity identity;
    @Inject
    EntityManager em;

    @Override
    @Transactional
    public Authenticator.Principal authenticate(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        X509Certificate issuer = upstreamIssuer(leaf);
        if (issuer == null) {
            return null;
        }
        // the upstream's CA also issues its downstreams' client certificates (this server's and its siblings'): only the
        // certificate the upstream server made for itself to push (O=Ferry push, OU its server id, which its CA names too)
        // (an enterprise CA names no server id; the pushed bundle must still be written by the server the OU names)
        String pusherId = serverId(attribute(leaf, BCStyle.OU));
        String caServerId = serverId(attribute(issuer, BCStyle.OU));
        if (!PUSH_ORGANIZATION.equals(attribute(leaf, BCStyle.O)) || pusherId == null
                || caServerId != null && !caServerId.equals(pusherId)) {
            throw refused(leaf, "it is not the upstream server's own push certificate (O=" + PUSH_ORGANIZATION + ", OU=its server id"
                    + (caServerId == null ? "" : " " + caServerId) + "): another downstream's certificate from the same CA may sync "
                    + "but never push. Push from the upstream server itself (ferry downstream-server push, run there)");
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku == null || !eku.contains(CLIENT_AUTH)) {
                throw refused(leaf, "it is not a TLS client certificate");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw refused(leaf, "its extended key usage cannot be read");
        }
        java.util.Date now = new java.util.Date();
        if (leaf.getNotAfter().before(now) || leaf.getNotBefore().after(now)) {
            throw refused(leaf, "it is valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
                    + ", not now");
        }
        Set<Long> orgs = new HashSet<>(Sql.work(em, c -> Sql.rows(c, "select organization_id from upstream_config where accept_push",
                rs -> rs.getLong(1))));
        String name = PRINCIPAL + label(leaf);
        return new Authenticator.Principal(-1, name, PERMISSIONS, null, new PushScope(name, pusherId, orgs,
                this::organizationId, this::taskOwner));
    }

    /** A label for the certificate's holder: its common name with other characters than A-Z a-z 0-9 . _ - replaced. */
    static String label(X509Certificate leaf) {
        String cn = leaf.getSubjectX500Principal().getName();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)CN=([^,]*)").matcher(cn);
        String raw = m.find() ? m.group(1) : "upstream";
        String label = raw.replaceAll("[^A-Za-z0-9._-]", "-");
        if (label.isEmpty() || !Character.isLetterOrDigit(label.charAt(0))) {
            label = "u" + label;
        }
        return label.length() > 64 ? label.substring(0, 64) : label;
    }

    /** The certificate of the upstream CA installed at enrollment that signed {@code leaf}, or null. */
    private X509Certificate upstreamIssuer(X509Certificate leaf) {
        if (!Files.isRegularFile(identity.upstreamCa())) {
            return null;
        }
        try {
            for (X509Certificate ca : KeyFiles.certificates(identity.upstreamCa())) {
                try {
                    leaf.verify(ca.getPublicKey());
                    return ca;
                } catch (java.security.GeneralSecurityException e) {
                    // another CA
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** {@code value} when it is a server id (a UUID), else null. */
    private static String serverId(String value) {
        if (value == null) {
            return null;
        }
        try {
            String id = java.util.UUID.fromString(value).toString();
            return id.equalsIgnoreCase(value) ? id : null; // fromString also takes short forms such as 1-1-1-1-1
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The one value of {@code type} in the certificate's subject, or null when it has none or several. */
    static String attribute(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        org.bouncycastle.asn1.x500.RDN[] rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(type);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return null;
        }
        return org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static FerryException refused(X509Certificate leaf, String why) {
        return new FerryException(ErrorCode.CLIENT_CERTIFICATE_UNKNOWN, "The client certificate " + Certificates.subject(leaf)
                + " is issued by this server's upstream CA but refused: " + why + ".", "certificate");
    }

    @Transactional
    Long organizationId(String ref) {
        return Sql.work(em, c -> {
            List<Long> ids = Sql.rows(c, "select id from organization where label = ? or cast(id as text) = ?", rs -> rs.getLong(1),
                    ref, ref);
            return ids.isEmpty() ? null : ids.get(0);
        });
    }

    @Transactional
    String taskOwner(String taskId) {
        return Sql.work(em, c -> Sql.firstString(c, "select created_by from task where cast(id as text) = ?", taskId));
    }
}
