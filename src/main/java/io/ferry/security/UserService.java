package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/**
 * Local user accounts. A disabled or deleted user's logins and tokens are refused at their next request (the change
 * drops every cached answer, on every node). The last enabled administrator cannot be disabled, demoted or deleted.
 */
@ApplicationScoped
public class UserService {
    /** The user names subscriber credentials get (see io.ferry.vcsp); no user may take one. */
    public static final String SUBSCRIBER_NAMES = "vcsp-[a-z2-7]{12}";

    @Inject
    UserRepository users;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public UserDtos.UserView create(UserDtos.CreateUserRequest req) {
        io.ferry.common.value.Username.of(req.username(), "username");
        if (req.username().matches(SUBSCRIBER_NAMES)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "User names of the form vcsp-xxxxxxxxxxxx belong to library "
                    + "subscriber credentials. Choose another name.", "username");
        }
        if (users.findByUsername(req.username()).isPresent()) {
            throw new FerryException(ErrorCode.CONFLICT, "User '" + req.username() + "' already exists. Choose another name.",
                    "username");
        }
        UserEntity u = new UserEntity();
        u.username = req.username();
        u.passwordHash = PasswordHasher.hash(req.password());
        u.admin = req.admin();
        users.persist(u);
        users.flush();
        return UserDtos.UserView.of(users.findById(u.id));
    }

    @Transactional
    public io.ferry.common.Page<UserDtos.UserView> list(int page, int size) {
        var query = users.findAll(io.quarkus.panache.common.Sort.by("username")).page(page, size);
        return new io.ferry.common.Page<>(query.list().stream().map(UserDtos.UserView::of).toList(), page, size, query.count());
    }

    @Transactional
    public UserDtos.UserView get(String ref) {
        return UserDtos.UserView.of(require(ref));
    }

    @Transactional
    public UserDtos.UserView update(String ref, UserDtos.UpdateUserRequest req) {
        UserEntity u = require(ref);
        boolean losesAdmin = u.admin && u.enabled && (Boolean.FALSE.equals(req.admin()) || Boolean.FALSE.equals(req.enabled()));
        if (losesAdmin) {
            requireAnotherAdmin(u, "disabled or demoted");
        }
        if (req.admin() != null) {
            u.admin = req.admin();
        }
        if (req.enabled() != null) {
            u.enabled = req.enabled();
        }
        if (req.password() != null) {
            u.passwordHash = PasswordHasher.hash(req.password());
        }
        u.updatedAt = OffsetDateTime.now();
        users.flush();
        return UserDtos.UserView.of(u);
    }

    @Transactional
    public void delete(String ref) {
        UserEntity u = require(ref);
        if (u.admin && u.enabled) {
            requireAnotherAdmin(u, "deleted");
        }
        users.delete(u);
    }

    /** The calling user's own password; the current one must be given. */
    @Transactional
    public void changeOwnPassword(UserDtos.ChangePasswordRequest req) {
        UserEntity u = users.findByIdOptional(currentUser.id()).orElseThrow(() -> new FerryException(ErrorCode.FORBIDDEN,
                "Only a local user has a password to change."));
        if (!PasswordHasher.verify(req.currentPassword(), u.passwordHash)) {
            throw new FerryException(ErrorCode.WRONG_CURRENT_PASSWORD, "The current password is wrong. Give it again "
                    + "(ferry user change-password), or ask an administrator to reset it.", "currentPassword");
        }
        u.passwordHash = PasswordHasher.hash(req.newPassword());
        u.updatedAt = OffsetDateTime.now();
    }

    private void requireAnotherAdmin(UserEntity u, String what) {
        if (users.count("admin = true and enabled = true and id <> ?1", u.id) == 0) {
            throw new FerryException(ErrorCode.LAST_ADMINISTRATOR, "'" + u.username + "' is the last enabled administrator and "
                    + "cannot be " + what + ". Make another user an administrator first: ferry user update --login NAME "
                    + "--admin true.", "user");
        }
    }

    UserEntity require(String ref) {
        UserEntity u = ref.matches("[0-9]{1,18}") ? users.findById(Long.valueOf(ref)) : users.findByUsername(ref).orElse(null);
        if (u == null) {
            throw new FerryException(ErrorCode.USER_NOT_FOUND, "No user '" + ref + "'. List users with: ferry user list", "user");
        }
        return u;
    }
}
