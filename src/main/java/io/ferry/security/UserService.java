package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Local user accounts. The role model of a later change will assign permissions beyond admin/non-admin. */
@ApplicationScoped
public class UserService {
    /** The user names subscriber credentials get (see io.ferry.vcsp); no user may take one. */
    public static final String SUBSCRIBER_NAMES = "vcsp-[a-z2-7]{12}";

    @Inject
    UserRepository users;

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
    public List<UserDtos.UserView> list() {
        return users.listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(UserDtos.UserView::of).toList();
    }
}
