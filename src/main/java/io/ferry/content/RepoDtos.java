package io.ferry.content;

import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.ferry.content.ProductDtos.ProductRef;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the repository API. */
public final class RepoDtos {
    private RepoDtos() {
    }

    /**
     * Where a repository syncs from. PEM texts: {@code caCert} (trusted CAs for HTTPS; the JDK's when
     * absent), {@code clientCert} and {@code clientKey} (for servers that ask for a client certificate).
     */
    public record RemoteSettings(@NotBlank @Size(max = 2048) String url, @Size(max = 1_000_000) String caCert,
                                 @Size(max = 100_000) String clientCert, @Size(max = 100_000) String clientKey,
                                 @Size(max = 255) String username, @Size(max = 1024) String password, Boolean tlsVerify) {
    }

    public record CreateRepository(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name, String label, @Schema(maxLength = Description.MAX) String description,
                                   String contentType, @Valid RemoteSettings remote) {
    }

    /** Absent fields stay as they are; {@code removeRemote} clears the remote. */
    public record UpdateRepository(@Schema(minLength = 1, maxLength = Name.MAX) String name, @Schema(maxLength = Description.MAX) String description,
                                   @Valid RemoteSettings remote, boolean removeRemote) {
    }

    /** A remote as shown: secrets are never returned, only whether they are set. */
    public record RemoteView(String url, boolean caCert, boolean clientCert, String username, boolean password, boolean tlsVerify) {
        static RemoteView of(RepoEntity r) {
            return r.remoteUrl == null ? null : new RemoteView(r.remoteUrl, r.remoteCaCert != null, r.remoteClientCert != null,
                    r.remoteUsername, r.remotePassword != null, r.remoteTlsVerify);
        }
    }

    public record RepositoryView(long id, String label, String name, String description, String contentType,
                                 OrganizationRef organization, ProductRef product, int latestVersion, long unitCount,
                                 long totalSize, RemoteView remote, String contentPath, OffsetDateTime createdAt,
                                 OffsetDateTime updatedAt) {
    }
}
