package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.organization.OrganizationEntity;
import io.ferry.trust.BundleSigner;
import io.ferry.trust.Signatures;
import io.ferry.trust.TrustService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The signature rule of an import: the manifest's detached CMS signature (carried by every volume marker)
 * checked against the organization's trusted certificates and this server's own CA, under the
 * organization's policy: {@code require} (a trusted signature or nothing), {@code if-present} (unsigned
 * bundles of earlier versions pass with a warning; a present signature must verify), {@code off}.
 */
@ApplicationScoped
public class ImportSignature {
    @Inject
    BundleSigner signer;
    @Inject
    TrustService trust;
    @Inject
    io.ferry.trust.TrustedCrls crls;

    String check(OrganizationEntity org, Bundle b) {
        String policy = org.importSignaturePolicy == null ? "require" : org.importSignaturePolicy;
        ManifestHeader h = b.manifest().header();
        String what = "Export " + h.exportId() + " of server '" + h.sourceServerName() + "' (id " + shortId(h.sourceServerId()) + ")";
        byte[] signature = null;
        if (b.marker().signature() != null) {
            try {
                signature = java.util.Base64.getDecoder().decode(b.marker().signature());
            } catch (IllegalArgumentException e) {
                throw new FerryException(ErrorCode.IMPORT_SIGNATURE_INVALID, "The signature of " + what + " in its volume marker "
                        + "is not base64: the bundle was altered or damaged; nothing was imported. Copy it again from the source "
                        + "server.", "path");
            }
        }
        if ("off".equals(policy)) {
            return "warning: The signature was not checked: organization '" + org.label + "' has import signature policy off.";
        }
        if (signature == null) {
            if ("require".equals(policy)) {
                throw new FerryException(ErrorCode.IMPORT_UNSIGNED, what + " is not signed (written by a Ferry version before "
                        + "signed bundles, or its signature was removed). Organization '" + org.label + "' requires a trusted "
                        + "signature (policy require); nothing was imported. Export it again from an up-to-date server, or allow "
                        + "unsigned bundles: ferry organization update --name " + org.label + " --import-signature-policy "
                        + "if-present.", "path");
            }
            return "warning: " + what + " is not signed; imported under policy " + policy + ".";
        }
        Signatures.Verification v = signer.verify(signature, b.manifest().file(), trust.anchors(org.id),
                crls.crls(org.id));
        if (!v.valid()) {
            throw new FerryException(ErrorCode.IMPORT_SIGNATURE_INVALID, "The signature of " + what + " is not valid: " + v.reason()
                    + ". The bundle was altered, damaged, or not signed for this manifest; nothing was imported. Copy it again "
                    + "from the source server.", "path");
        }
        if (!v.trusted()) {
            throw new FerryException(ErrorCode.IMPORT_SIGNER_UNTRUSTED, what + " is signed by " + v.signer() + ", but " + v.reason()
                    + " ('" + org.label + "'); nothing was imported. If you trust the source server, export its CA there "
                    + "(ferry ca export --to ca.pem) and add it here: ferry trust add --organization " + org.label
                    + " --file ca.pem.", "path");
        }
        if (v.revoked()) {
            throw new FerryException(ErrorCode.IMPORT_SIGNER_REVOKED, what + " is signed by " + v.signer() + ", but " + v.reason()
                    + "; nothing was imported. Ask the source server for a new export signed by its current signing certificate.",
                    "path");
        }
        return "Signed by " + v.signer() + " (chain: " + String.join(" <- ", v.chain()) + "); verified under policy " + policy + ".";
    }

    static String shortId(String serverId) {
        return serverId == null || serverId.length() <= 8 ? String.valueOf(serverId) : serverId.substring(0, 8);
    }
}
