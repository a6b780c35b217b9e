package io.ferry.receipt;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the receipt API. */
public final class ReceiptDtos {
    /** The media type of a receipt file: CMS SignedData (DER) carrying the receipt's JSON. */
    public static final String MEDIA_TYPE = "application/pkcs7-mime";

    private ReceiptDtos() {
    }

    @Schema(description = "A verified receipt stored on this (upstream) server; an incremental export with receipt set carries "
            + "exactly the scope's blobs it does not list")
    public record ReceiptView(long id, String organization, String downstream, String serverId, String serverName,
                              String sourceOrganization, String sha256, OffsetDateTime createdAt, long blobs, int lineage,
                              String receivedBy, OffsetDateTime receivedAt) {
    }
}
