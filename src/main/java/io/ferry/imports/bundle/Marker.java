package io.ferry.imports.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;

/**
 * A volume marker ({@code ferry/volume.json}): which export and manifest a volume belongs to, which volume it
 * is, and the manifest's signature (base64 DER; checked by the import's signature rule).
 */
public record Marker(long exportId, String sourceServerId, String manifestSha256, int volume, int volumes, String name,
                     String signature) {
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Marker parse(byte[] bytes, String where) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !"ferry-volume".equals(n.path("format").asText())) {
                throw invalid(where, "it is not a Ferry volume marker (format is not 'ferry-volume')");
            }
            int version = n.path("formatVersion").asInt(-1);
            if (version != 1) {
                throw new FerryException(ErrorCode.IMPORT_FORMAT_UNSUPPORTED, "The volume marker of " + where + " has format version "
                        + n.path("formatVersion") + "; this server reads version 1. Upgrade Ferry on this server to import it.", "path");
            }
            String sha = n.path("manifestSha256").asText("");
            int volume = n.path("volume").asInt(0);
            int volumes = n.path("volumes").asInt(0);
            if (!n.path("exportId").canConvertToLong() || n.path("sourceServerId").asText("").isEmpty()
                    || !io.ferry.common.value.Sha256.isValid(sha) || volumes < 1 || volume < 1 || volume > volumes) {
                throw invalid(where, "exportId, sourceServerId, manifestSha256 or volume i of n is missing or out of range");
            }
            JsonNode name = n.path("name");
            if (name.isTextual() && !io.ferry.common.value.Label.isValid(name.asText())) {
                throw invalid(where, "its volume name '" + io.ferry.common.value.Text.printable(name.asText())
                        + "' is not a plain file name");
            }
            if (!uuid(n.path("sourceServerId").asText(""))) {
                throw invalid(where, "sourceServerId '" + io.ferry.common.value.Text.printable(n.path("sourceServerId").asText())
                        + "' is not a server id (a UUID)");
            }
            JsonNode sig = n.path("manifestSignature");
            String signature = sig.isTextual() ? sig.asText() : null;
            return new Marker(n.path("exportId").asLong(), n.path("sourceServerId").asText(), sha, volume, volumes,
                    name.isTextual() ? name.asText() : null, signature);
        } catch (IOException e) {
            throw invalid(where, "it is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static boolean uuid(String s) {
        try {
            return java.util.UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether two markers describe volumes of the same export. */
    public boolean sameExport(Marker o) {
        return exportId == o.exportId && sourceServerId.equals(o.sourceServerId) && manifestSha256.equals(o.manifestSha256)
                && volumes == o.volumes;
    }

    private static FerryException invalid(String where, String why) {
        return new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "ferry/volume.json in " + where + " is unusable: " + why + ".",
                "path");
    }
}
