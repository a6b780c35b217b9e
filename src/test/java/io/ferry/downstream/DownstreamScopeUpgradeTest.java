package io.ferry.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An upgrade keeps what enrolled downstreams may reach: a database at V018 with downstream scopes (a whole
 * organization; content views and an environment of another) is migrated by the real migrations, in their own
 * database on the same PostgreSQL, and the scopes come out as 'Downstream Server' role assignments with the same meaning.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class DownstreamScopeUpgradeTest {
    @Test
    void downstreamScopesBecomeRoleAssignments() throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        String db = "ferry_upgrade_" + System.nanoTime();
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement st = admin.createStatement()) {
            st.execute("create database " + db);
        }
        String upgradeUrl = url.substring(0, url.lastIndexOf('/') + 1) + db;
        try {
            Flyway.configure().dataSource(upgradeUrl, user, password).locations("classpath:db/migration").target("18").load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(upgradeUrl, user, password); Statement st = c.createStatement()) {
                st.execute("insert into organization (label, name) values ('A', 'A'), ('B', 'B')");
                st.execute("insert into lifecycle_environment (organization_id, label, name, library) select id, 'Library', "
                        + "'Library', true from organization");
                st.execute("insert into lifecycle_environment (organization_id, label, name, prior_id) select o.id, 'prod', 'prod', "
                        + "e.id from organization o join lifecycle_environment e on e.organization_id = o.id where o.label = 'B'");
                st.execute("insert into content_view (organization_id, label, name) select id, 'web', 'web' from organization "
                        + "where label = 'B' union all select id, 'db', 'db' from organization where label = 'B'");
                st.execute("insert into downstream_server (name, created_by) values ('east', 'admin'), ('west', 'admin')");
                st.execute("insert into downstream_scope (downstream_id, organization_id) select d.id, o.id from downstream_server d, "
                        + "organization o where d.name = 'east' and o.label = 'A'");
                st.execute("insert into downstream_scope (downstream_id, organization_id, content_view_id) select d.id, o.id, v.id "
                        + "from downstream_server d, organization o join content_view v on v.organization_id = o.id where d.name = "
                        + "'west' and o.label = 'B' order by v.label");
                st.execute("insert into downstream_scope (downstream_id, organization_id, lifecycle_environment_id) select d.id, o.id, "
                        + "e.id from downstream_server d, organization o join lifecycle_environment e on e.organization_id = o.id "
                        + "where d.name = 'west' and o.label = 'B' and e.label = 'prod'");
            }
            Flyway.configure().dataSource(upgradeUrl, user, password).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(upgradeUrl, user, password); Statement st = c.createStatement()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select d.name, r.name, o.label, array(select label from content_view where id = "
                        + "any(a.content_views) order by label)::text, array(select label from lifecycle_environment where id = "
                        + "any(a.environments))::text, a.products::text, a.user_id is null from role_assignment a join "
                        + "downstream_server d on d.id = a.downstream_id join role r on r.id = a.role_id join organization o on "
                        + "o.id = a.organization_id order by d.name, a.id")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " cv=" + rs.getString(4) + " env="
                                + rs.getString(5) + " products=" + rs.getString(6) + " userless=" + rs.getBoolean(7));
                    }
                }
                assertThat(rows).containsExactlyInAnyOrder(
                        "east Downstream Server A cv={} env={} products={} userless=true",
                        "west Downstream Server B cv={db,web} env={} products={} userless=true",
                        "west Downstream Server B cv={} env={prod} products={} userless=true");
                try (ResultSet rs = st.executeQuery("select count(*) from information_schema.tables where table_name = "
                        + "'downstream_scope'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                // an assignment names exactly one holder
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> st.execute("insert into role_assignment (role_id) "
                        + "select id from role where name = 'Viewer'"))).hasMessageContaining("role_assignment_one_holder");
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(url, user, password); Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + db + " with (force)");
            }
        }
    }
}
