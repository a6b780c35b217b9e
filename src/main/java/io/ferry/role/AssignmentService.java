package io.ferry.role;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A user's role assignments: a role in one organization (or all), narrowed by product, content view and environment. */
@ApplicationScoped
public class AssignmentService {
    @Inject
    EntityManager em;

    @Transactional
    public List<RoleDtos.AssignmentView> list(String userRef) {
        return Sql.work(em, c -> {
            long user = user(c, userRef);
            return Sql.rows(c, "select a.id, u.username, r.name, o.label, "
                    + "array(select p.label from product p where p.id = any(a.products) order by p.label), "
                    + "array(select v.label from content_view v where v.id = any(a.content_views) order by v.label), "
                    + "array(select e.label from lifecycle_environment e where e.id = any(a.environments) order by e.label), "
                    + "a.created_at from role_assignment a join ferry_user u on u.id = a.user_id join role r on r.id = a.role_id "
                    + "left join organization o on o.id = a.organization_id where a.user_id = ? order by a.id",
                    rs -> new RoleDtos.AssignmentView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            labels(rs.getArray(5)), labels(rs.getArray(6)), labels(rs.getArray(7)),
                            rs.getObject(8, OffsetDateTime.class)), user);
        });
    }

    @Transactional
    public RoleDtos.AssignmentView add(String userRef, RoleDtos.AddAssignment req) {
        if (req.role() == null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Name the role to assign (--role).", "role");
        }
        boolean narrowed = notEmpty(req.products()) || notEmpty(req.contentViews()) || notEmpty(req.lifecycleEnvironments());
        if (req.organization() == null && narrowed) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Products, content views and environments belong to one "
                    + "organization: name it (--organization).", "organization");
        }
        long id = Sql.work(em, c -> {
            long user = user(c, userRef);
            long role = RoleService.find(c, req.role()).id();
            Long org = req.organization() == null ? null : organization(c, req.organization());
            Long[] products = ids(c, "product", org, req.products(), "products", ErrorCode.PRODUCT_NOT_FOUND);
            Long[] views = ids(c, "content_view", org, req.contentViews(), "contentViews", ErrorCode.CONTENT_VIEW_NOT_FOUND);
            Long[] envs = ids(c, "lifecycle_environment", org, req.lifecycleEnvironments(), "lifecycleEnvironments",
                    ErrorCode.ENVIRONMENT_NOT_FOUND);
            return Long.parseLong(Sql.firstString(c, "insert into role_assignment (user_id, role_id, organization_id, products, "
                    + "content_views, environments) values (?, ?, ?, ?, ?, ?) returning id", user, role, org,
                    c.createArrayOf("bigint", products), c.createArrayOf("bigint", views), c.createArrayOf("bigint", envs)));
        });
        return list(userRef).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(String userRef, long assignment) {
        int n = Sql.work(em, c -> Sql.update(c, "delete from role_assignment where id = ? and user_id = ?", assignment,
                user(c, userRef)));
        if (n == 0) {
            throw new FerryException(ErrorCode.ASSIGNMENT_NOT_FOUND, "User '" + userRef + "' has no role assignment " + assignment
                    + ". ferry user info --login " + userRef + " lists them.", "assignment");
        }
    }

    static long user(Connection c, String ref) throws SQLException {
        boolean numeric = ref.matches("[0-9]{1,18}");
        String id = Sql.firstString(c, "select id from ferry_user where " + (numeric ? "id = ?::bigint" : "username = ?"), ref);
        if (id == null) {
            throw new FerryException(ErrorCode.USER_NOT_FOUND, "No user '" + ref + "'. List users with: ferry user list", "user");
        }
        return Long.parseLong(id);
    }

    private static long organization(Connection c, String ref) throws SQLException {
        boolean numeric = ref.matches("[0-9]{1,18}");
        String id = Sql.firstString(c, "select id from organization where " + (numeric ? "id = ?::bigint" : "label = ?"), ref);
        if (id == null) {
            throw new FerryException(ErrorCode.ORGANIZATION_NOT_FOUND, "No organization '" + ref
                    + "'. List organizations with: ferry organization list", "organization");
        }
        return Long.parseLong(id);
    }

    private static Long[] ids(Connection c, String table, Long org, List<String> labels, String field, ErrorCode missing)
            throws SQLException {
        List<Long> out = new ArrayList<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            String id = Sql.firstString(c, "select id from " + table + " where organization_id = ? and label = ?", org, label);
            if (id == null) {
                throw new FerryException(missing, "No " + table.replace('_', ' ') + " '" + label + "' in the organization.", field);
            }
            if (!out.contains(Long.parseLong(id))) {
                out.add(Long.parseLong(id));
            }
        }
        return out.toArray(Long[]::new);
    }

    private static boolean notEmpty(List<String> l) {
        return l != null && !l.isEmpty();
    }

    private static List<String> labels(Array a) throws SQLException {
        return Arrays.stream((Object[]) a.getArray()).map(String.class::cast).toList();
    }
}
