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

    /** Changes by an administrator; null fields stay. A new password resets the user's (their tokens stay valid). */
    public record UpdateUserRequest(Boolean admin, Boolean enabled,
                                    @Size(min = 12, max = 1024, message = "must be 12 to 1024 characters") String password) {
    }

    /** A user changing their own password. */
    public record ChangePasswordRequest(@NotBlank String currentPassword,
                                        @NotBlank @Size(min = 12, max = 1024, message = "must be 12 to 1024 characters")
                                        String newPassword) {
    }

    public record UserView(long id, String username, boolean admin, boolean enabled, OffsetDateTime createdAt) {
        static UserView of(UserEntity u) {
            return new UserView(u.id, u.username, u.admin, u.enabled, u.createdAt);
        }
    }
}
