package io.ferry.security;

import jakarta.validation.constraints.NotBlank;
import io.ferry.common.value.Username;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the user API. */
public final class UserDtos {
    private UserDtos() {
    }

    public record CreateUserRequest(
            @Schema(required = true, pattern = Username.PATTERN) String username,
            @NotBlank @Size(min = 12, max = 1024, message = "must be 12 to 1024 characters") String password,
            boolean admin) {
    }

    public record UserView(long id, String username, boolean admin, boolean enabled, OffsetDateTime createdAt) {
        static UserView of(UserEntity u) {
            return new UserView(u.id, u.username, u.admin, u.enabled, u.createdAt);
        }
    }
}
