package io.ferry.role;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Roles: built-in ones read-only, custom ones created, changed and deleted (when no longer assigned). */
@ApplicationScoped
public class RoleService {
    private static final String COLUMNS = "r.id, r.name, r.description, r.builtin, r.permissions, "
            + "(select count(*) from role_assignment a where a.role_id = r.id), r.created_at";

    @Inject
    EntityManager em;

    @Transactional
    public List<RoleDtos.RoleView> list() {
        return Sql.work(em, c -> Sql.rows(c, "select " + COLUMNS + " from role r order by r.builtin desc, r.name", RoleService::view));
    }

    @Transactional
    public RoleDtos.RoleView get(String ref) {
        return Sql.work(em, c -> find(c, ref));
    }

    @Transactional
    public RoleDtos.RoleView create(RoleDtos.CreateRole req) {
        String name = Name.of(req.name(), "name").value();
        Set<String> perms = new LinkedHashSet<>();
        if (req.copyOf() != null) {
            perms.addAll(get(req.copyOf()).permissions());
        }
        perms.addAll(checked(req.permissions()));
        String description = req.description() == null ? "" : Description.text(req.description(), "description");
        return Sql.work(em, c -> {
            unique(c, name, null);
            String id = Sql.firstString(c, "insert into role (name, description, permissions) values (?, ?, ?) returning id", name,
                    description, c.createArrayOf("text", perms.toArray()));
            return find(c, id);
        });
    }

    @Transactional
    public RoleDtos.RoleView update(String ref, RoleDtos.UpdateRole req) {
        RoleDtos.RoleView r = editable(ref);
        return Sql.work(em, c -> {
            if (req.name() != null) {
                String name = Name.of(req.name(), "name").value();
                unique(c, name, r.id());
                Sql.update(c, "update role set name = ?, updated_at = now() where id = ?", name, r.id());
            }
            if (req.description() != null) {
                Sql.update(c, "update role set description = ?, updated_at = now() where id = ?",
                        Description.text(req.description(), "description"), r.id());
            }
            if (req.permissions() != null) {
                setPermissions(c, r.id(), new LinkedHashSet<>(checked(req.permissions())));
            }
            return find(c, String.valueOf(r.id()));
        });
    }

    @Transactional
    public RoleDtos.RoleView addPermission(String ref, String permission) {
        RoleDtos.RoleView r = editable(ref);
        Set<String> perms = new LinkedHashSet<>(r.permissions());
        perms.addAll(checked(List.of(permission == null ? "" : permission)));
        return Sql.work(em, c -> {
            setPermissions(c, r.id(), perms);
            return find(c, String.valueOf(r.id()));
        });
    }

    @Transactional
    public RoleDtos.RoleView removePermission(String ref, String permission) {
        RoleDtos.RoleView r = editable(ref);
        Set<String> perms = new LinkedHashSet<>(r.permissions());
        if (!perms.remove(permission)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Role '" + r.name() + "' does not hold '" + permission
                    + "'. ferry role info --name '" + r.name() + "' lists what it holds.", "permission");
        }
        return Sql.work(em, c -> {
            setPermissions(c, r.id(), perms);
            return find(c, String.valueOf(r.id()));
        });
    }

    @Transactional
    public void delete(String ref) {
        RoleDtos.RoleView r = editable(ref);
        if (r.assignments() > 0) {
            throw new FerryException(ErrorCode.ROLE_IN_USE, "Role '" + r.name() + "' is assigned " + r.assignments()
                    + " time(s). Remove those assignments first (ferry user remove-role).", "role");
        }
        Sql.work(em, c -> Sql.update(c, "delete from role where id = ?", r.id()));
    }

    private RoleDtos.RoleView editable(String ref) {
        RoleDtos.RoleView r = get(ref);
        if (r.builtin()) {
            throw new FerryException(ErrorCode.ROLE_BUILT_IN, "Role '" + r.name() + "' is built in and read-only. Copy it and "
                    + "change the copy: ferry role create --name NAME --copy-of '" + r.name() + "'.", "role");
        }
        return r;
    }

    private static void setPermissions(Connection c, long id, Set<String> perms) throws SQLException {
        Sql.update(c, "update role set permissions = ?, updated_at = now() where id = ?", c.createArrayOf("text", perms.toArray()), id);
    }

    private static void unique(Connection c, String name, Long except) throws SQLException {
        String other = Sql.firstString(c, "select id from role where lower(name) = lower(?)", name);
        if (other != null && (except == null || Long.parseLong(other) != except)) {
            throw new FerryException(ErrorCode.ROLE_EXISTS, "A role named '" + name + "' exists. Choose another name.", "name");
        }
    }

    /** The permission names, each one checked to be a known permission. */
    static List<String> checked(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            if (Permission.byId(n) == null) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "Unknown permission '" + n + "'. Permissions are: "
                        + String.join(", ", Arrays.stream(Permission.values()).map(Permission::id).toList())
                        + " (docs/permissions.md).", "permissions");
            }
            out.add(n);
        }
        return out;
    }

    static RoleDtos.RoleView find(Connection c, String ref) throws SQLException {
        boolean numeric = ref != null && ref.matches("[0-9]{1,18}");
        List<RoleDtos.RoleView> found = Sql.rows(c, "select " + COLUMNS + " from role r where " + (numeric ? "r.id = ?::bigint"
                : "lower(r.name) = lower(?)"), RoleService::view, ref);
        if (found.isEmpty()) {
            throw new FerryException(ErrorCode.ROLE_NOT_FOUND, "No role '" + ref + "'. List roles with: ferry role list", "role");
        }
        return found.get(0);
    }

    private static RoleDtos.RoleView view(ResultSet rs) throws SQLException {
        List<String> perms = Arrays.stream((Object[]) rs.getArray(5).getArray()).map(String.class::cast).toList();
        return new RoleDtos.RoleView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), perms, rs.getLong(6),
                rs.getObject(7, OffsetDateTime.class));
    }
}
