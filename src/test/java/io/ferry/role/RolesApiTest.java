package io.ferry.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Users, roles, narrowed assignments, role-restricted exports and what each user may see. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class RolesApiTest {
    static final String PASSWORD = "alice-password-long-enough";

    @Inject
    AgroalDataSource db;

    static String user(boolean admin) {
        String name = ContentFixtures.unique("user");
        Api.asAdmin().contentType("application/json").body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"admin\":" + admin + "}").post("/api/v1/users").then().statusCode(201);
        return name;
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType("application/json");
    }

    static String product(String org) {
        String p = ContentFixtures.unique("prod");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"P\",\"label\":\"" + p + "\"}")
                .post("/api/v1/organizations/" + org + "/products").then().statusCode(201);
        return p;
    }

    static String view(String org, String... repos) {
        String cv = ContentFixtures.unique("cv");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + cv + "\",\"repositories\":[\"" + String.join("\",\"", repos)
                + "\"]}").post("/api/v1/organizations/" + org + "/content-views").then().statusCode(201);
        ContentFixtures.publish(org, cv);
        return cv;
    }

    static String cvExport(String cv) {
        return "{\"type\":\"complete\",\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\"" + cv
                + "\",\"version\":\"1.0\"},\"format\":\"tgz\"}";
    }

    @Test
    void aNarrowedExporterExportsOnlyWhatItMaySeeAndEveryAttemptIsAudited() throws Exception {
        String org = ContentFixtures.org();
        String other = ContentFixtures.org();
        String templates = product(org);
        String second = product(org);
        Repo t = ContentFixtures.repo(org, templates, "disks");
        Repo o = ContentFixtures.repo(org, second, "isos");
        ContentFixtures.uploadOk(t, "a.vmdk", "template disk".getBytes(StandardCharsets.UTF_8));
        ContentFixtures.uploadOk(o, "b.iso", "other iso".getBytes(StandardCharsets.UTF_8));
        String onlyTemplates = view(org, templates + "/disks");
        String mixed = view(org, templates + "/disks", second + "/isos");
        String alice = user(false);

        // before any role: alice holds only the base permissions
        as(alice).get("/api/v1/organizations/" + org).then().statusCode(403).body("code", is("FERRY-AUTH-005"));

        JsonPath a = Api.asAdmin().contentType("application/json").body("{\"role\":\"Content Exporter\",\"organization\":\"" + org
                + "\",\"products\":[\"" + templates + "\"]}").post("/api/v1/users/" + alice + "/roles").then().statusCode(201)
                .extract().jsonPath();
        assertThat(a.getString("role")).isEqualTo("Content Exporter");
        assertThat(a.getList("products")).containsExactly(templates);

        String location = as(alice).body(cvExport(onlyTemplates)).post("/api/v1/organizations/" + org + "/exports").then()
                .statusCode(202).extract().header("Location");
        assertThat(Tasks.awaitEnd(location).getString("state")).isEqualTo("completed");

        as(alice).body(cvExport(mixed)).post("/api/v1/organizations/" + org + "/exports/plan").then().statusCode(403)
                .body("code", is("FERRY-AUTH-005")).body("detail", containsString("'" + second + "'"))
                .body("detail", containsString("export_content"));
        as(alice).body(cvExport(mixed)).post("/api/v1/organizations/" + org + "/exports").then().statusCode(403)
                .body("code", is("FERRY-AUTH-005")).body("detail", containsString("product '" + second + "'"));
        // nothing written or recorded for the refused one
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + org + "/exports").then().statusCode(200).extract()
                .jsonPath().getInt("total")).isEqualTo(1);
        // export history: a narrowed user sees only its own exports (others' would name products it may not see)
        long adminExport = io.ferry.export.ExportFixtures.export(org, cvExport(mixed)).getLong("id");
        JsonPath history = as(alice).get("/api/v1/organizations/" + org + "/exports").then().statusCode(200).extract().jsonPath();
        assertThat(history.getInt("total")).isEqualTo(1);
        assertThat(history.getList("items.createdBy")).containsExactly(alice);
        as(alice).get("/api/v1/organizations/" + org + "/exports/" + adminExport).then().statusCode(404)
                .body("code", is("FERRY-EXPORT-001"));
        // the Library holds the other product too
        as(alice).body("{\"type\":\"complete\",\"scope\":{\"kind\":\"library\"}}").post("/api/v1/organizations/" + org
                + "/exports").then().statusCode(403).body("detail", containsString(second));

        // visibility: the other organization and product do not exist for alice
        as(alice).get("/api/v1/organizations/" + other).then().statusCode(404).body("code", is("FERRY-ORG-001"));
        as(alice).get("/api/v1/organizations/" + other + "/products").then().statusCode(404);
        List<String> orgs = as(alice).get("/api/v1/organizations?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.label");
        assertThat(orgs).containsExactly(org);
        assertThat(as(alice).get("/api/v1/organizations/" + org + "/products").then().statusCode(200).extract().jsonPath()
                .getList("items.label")).containsExactly(templates);
        as(alice).get("/api/v1/organizations/" + org + "/products/" + second).then().statusCode(404)
                .body("code", is("FERRY-PRODUCT-001"));
        as(alice).get(t.path()).then().statusCode(200);
        as(alice).get(o.path()).then().statusCode(404);
        // seen but not editable: 403 naming the permission
        as(alice).body("{\"name\":\"x\"}").put("/api/v1/organizations/" + org + "/products/" + templates).then().statusCode(403)
                .body("detail", containsString("edit_content"));
        // tasks: only alice's own
        List<String> owners = as(alice).get("/api/v1/tasks?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.createdBy");
        assertThat(owners).isNotEmpty().containsOnly(alice);

        JsonPath audit = Api.asAdmin().queryParam("actor", alice).queryParam("action", "export.start").get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        // newest first: the Library attempt, the mixed content view, the one that ran
        assertThat(audit.getList("items.result")).containsExactly("refused", "refused", "succeeded");
        assertThat(audit.getString("items[1].organization")).isEqualTo(org);
        assertThat(audit.getString("items[1].detail")).contains("FERRY-AUTH-005").contains("product '" + second + "'");
        assertThat(audit.getString("items[2].detail")).startsWith("task ");
        assertThat(audit.getString("items[2].address")).isNotBlank();
        JsonPath finished = Api.asAdmin().queryParam("actor", alice).queryParam("action", "task.export.run").get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(finished.getList("items.result")).containsExactly("completed");
        assertThat(finished.getString("items[0].manifestSha256")).matches("[0-9a-f]{64}");
        Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", is(true));
        // alice may not read the audit trail
        as(alice).get("/api/v1/audit").then().statusCode(403);
    }

    /**
     * The Library lies outside every content view: an assignment narrowed to a content view reaches that view's
     * versions, not the products' Library. And one assignment must allow all of an export: two that each allow part of
     * it do not add up to it.
     */
    @Test
    void aContentViewAssignmentReachesNoLibraryAndAssignmentsDoNotCombineWithinOneExport() {
        String org = ContentFixtures.org();
        String templates = product(org);
        String second = product(org);
        ContentFixtures.uploadOk(ContentFixtures.repo(org, templates, "disks"), "a.vmdk", "disk".getBytes(StandardCharsets.UTF_8));
        ContentFixtures.uploadOk(ContentFixtures.repo(org, second, "isos"), "b.iso", "iso".getBytes(StandardCharsets.UTF_8));
        String onlyTemplates = view(org, templates + "/disks");
        String mixed = view(org, templates + "/disks", second + "/isos");
        String bob = user(false);
        Api.asAdmin().contentType("application/json").body("{\"role\":\"Content Exporter\",\"organization\":\"" + org
                + "\",\"contentViews\":[\"" + onlyTemplates + "\"]}").post("/api/v1/users/" + bob + "/roles").then().statusCode(201);
        String base = "/api/v1/organizations/" + org;
        as(bob).get(base + "/products").then().statusCode(200).body("total", is(0));
        as(bob).get(base + "/products/" + templates).then().statusCode(404).body("code", is("FERRY-PRODUCT-001"));
        as(bob).get(base + "/content-views/" + onlyTemplates).then().statusCode(200);
        as(bob).body(cvExport(onlyTemplates)).post(base + "/exports/plan").then().statusCode(200);
        as(bob).body("{\"type\":\"complete\",\"scope\":{\"kind\":\"library\"}}").post(base + "/exports/plan").then()
                .statusCode(403).body("code", is("FERRY-AUTH-005")).body("detail", containsString("the Library"));

        // a second assignment: the mixed view, but only the second product of it
        Api.asAdmin().contentType("application/json").body("{\"role\":\"Content Exporter\",\"organization\":\"" + org
                + "\",\"contentViews\":[\"" + mixed + "\"],\"products\":[\"" + second + "\"]}").post("/api/v1/users/" + bob
                + "/roles").then().statusCode(201);
        as(bob).body(cvExport(mixed)).post(base + "/exports/plan").then().statusCode(403).body("code", is("FERRY-AUTH-005"))
                .body("detail", containsString("product '" + templates + "'"));
    }

    @Test
    void aNarrowedImporterImportsOnlyIntoItsProductsAndABundleThatWouldCreateAnotherIsRefused() {
        String org = ContentFixtures.org();
        String templates = product(org);
        String second = product(org);
        Repo t = ContentFixtures.repo(org, templates, "disks");
        Repo o = ContentFixtures.repo(org, second, "isos");
        ContentFixtures.uploadOk(t, "a.vmdk", "template disk for import".getBytes(StandardCharsets.UTF_8));
        ContentFixtures.uploadOk(o, "b.iso", "other iso for import".getBytes(StandardCharsets.UTF_8));
        String onlyTemplates = view(org, templates + "/disks");
        String mixed = view(org, templates + "/disks", second + "/isos");
        String dirExport = "{\"type\":\"complete\",\"scope\":%s,\"format\":\"dir\"}";
        String mixedBundle = io.ferry.export.ExportFixtures.export(org, dirExport.formatted(
                io.ferry.export.ExportFixtures.cvScope(mixed, "1.0"))).getString("location");
        String templatesBundle = io.ferry.export.ExportFixtures.export(org, dirExport.formatted(
                io.ferry.export.ExportFixtures.cvScope(onlyTemplates, "1.0"))).getString("location");

        String dest = ContentFixtures.org();
        Api.asAdmin().contentType("application/json").body("{\"name\":\"T\",\"label\":\"" + templates + "\"}")
                .post("/api/v1/organizations/" + dest + "/products").then().statusCode(201);
        String bob = user(false);
        Api.asAdmin().contentType("application/json").body("{\"role\":\"Content Importer\",\"organization\":\"" + dest
                + "\",\"products\":[\"" + templates + "\"]}").post("/api/v1/users/" + bob + "/roles").then().statusCode(201);

        as(bob).body("{\"path\":\"" + mixedBundle + "\"}").post("/api/v1/organizations/" + dest + "/imports").then().statusCode(403)
                .body("code", is("FERRY-AUTH-005")).body("detail", containsString("import_content"))
                .body("detail", containsString("to create product '" + second + "'"));
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + dest + "/products").then().statusCode(200).extract().jsonPath()
                .getList("items.label")).containsExactly(templates);
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + dest + "/imports").then().statusCode(200).extract().jsonPath()
                .getInt("total")).isZero();

        String location = as(bob).body("{\"path\":\"" + templatesBundle + "\"}").post("/api/v1/organizations/" + dest + "/imports")
                .then().statusCode(202).extract().header("Location");
        assertThat(Tasks.awaitEnd(location).getString("state")).isEqualTo("completed");
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + dest + "/products/" + templates + "/repositories").then()
                .statusCode(200).extract().jsonPath().getList("items.label")).containsExactly("disks");
        assertThat(Api.asAdmin().queryParam("actor", bob).queryParam("action", "import.start").get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("items.result")).containsExactly("succeeded", "refused");

        // an upstream sync (or a plan that runs one) brings whatever the upstream sends: not for a narrowed importer
        String upstream = "/api/v1/organizations/" + dest + "/upstream";
        as(bob).body("{\"url\":\"https://127.0.0.1:1\",\"organization\":\"X\",\"follow\":\"library\"}").put(upstream).then()
                .statusCode(403).body("code", is("FERRY-AUTH-005")).body("detail", containsString("whole of organization"));
        as(bob).post(upstream + "/sync").then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        as(bob).body("{\"cron\":\"0 3 * * *\"}").post("/api/v1/organizations/" + dest + "/sync-plan").then().statusCode(403)
                .body("code", is("FERRY-AUTH-005")).body("detail", containsString("sync plan"));
        Api.asAdmin().get(upstream).then().statusCode(404);
    }

    @Test
    void aFilteredListPagesCorrectly() throws Exception {
        String org = ContentFixtures.org();
        try (Connection c = db.getConnection(); var ps = c.prepareStatement("insert into product (organization_id, label, name) "
                + "select o.id, 'bulk-' || lpad(g::text, 4, '0'), 'Bulk' from organization o, generate_series(1, 2000) g "
                + "where o.label = ?")) {
            ps.setString(1, org);
            assertThat(ps.executeUpdate()).isEqualTo(2000);
        }
        List<String> granted = List.of("bulk-0003", "bulk-0150", "bulk-0151", "bulk-0999", "bulk-1200", "bulk-1777", "bulk-2000");
        String bob = user(false);
        Api.asAdmin().contentType("application/json").body("{\"role\":\"Viewer\",\"organization\":\"" + org + "\",\"products\":[\""
                + String.join("\",\"", granted) + "\"]}").post("/api/v1/users/" + bob + "/roles").then().statusCode(201);
        List<String> seen = new java.util.ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonPath p = as(bob).get("/api/v1/organizations/" + org + "/products?size=3&page=" + page).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(p.getLong("total")).isEqualTo(7);
            assertThat(p.getList("items")).hasSize(page < 2 ? 3 : 1);
            seen.addAll(p.getList("items.label"));
        }
        assertThat(seen).containsExactlyElementsOf(granted);
        assertThat(as(bob).get("/api/v1/organizations/" + org + "/products?size=3&page=3").then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + org + "/products?size=1").then().statusCode(200).extract()
                .jsonPath().getLong("total")).isEqualTo(2000);
    }

    @Test
    void rolesAreManagedBuiltInsAreReadOnlyAndChangesTakeEffectAtTheNextRequest() {
        Api.asAdmin().get("/api/v1/roles").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("Administrator", "Viewer", "Content Manager", "Content Exporter",
                        "Content Importer"));
        Api.asAdmin().contentType("application/json").body("{\"permissions\":[\"view_audit\"]}").put("/api/v1/roles/Viewer")
                .then().statusCode(409).body("code", is("FERRY-ROLE-002"));
        Api.asAdmin().delete("/api/v1/roles/Viewer").then().statusCode(409).body("code", is("FERRY-ROLE-002"));
        String name = ContentFixtures.unique("Auditor");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\",\"copyOf\":\"Viewer\",\"permissions\":"
                + "[\"view_audit\"]}").post("/api/v1/roles").then().statusCode(201).body("builtin", is(false))
                .body("permissions", org.hamcrest.Matchers.hasItems("view_content", "view_audit"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\"}").post("/api/v1/roles").then()
                .statusCode(409).body("code", is("FERRY-ROLE-004"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x-" + name + "\",\"permissions\":[\"fly\"]}")
                .post("/api/v1/roles").then().statusCode(422).body("detail", containsString("fly"));

        String carol = user(false);
        as(carol).get("/api/v1/audit").then().statusCode(403);
        long assignment = Api.asAdmin().contentType("application/json").body("{\"role\":\"" + name + "\"}")
                .post("/api/v1/users/" + carol + "/roles").then().statusCode(201).extract().jsonPath().getLong("id");
        as(carol).get("/api/v1/audit").then().statusCode(200);
        Api.asAdmin().delete("/api/v1/roles/" + name).then().statusCode(409).body("code", is("FERRY-ROLE-003"));
        Api.asAdmin().delete("/api/v1/roles/" + name + "/permissions/view_audit").then().statusCode(200);
        as(carol).get("/api/v1/audit").then().statusCode(403);
        Api.asAdmin().contentType("application/json").body("{\"permission\":\"view_audit\"}")
                .post("/api/v1/roles/" + name + "/permissions").then().statusCode(200);
        as(carol).get("/api/v1/audit").then().statusCode(200);
        Api.asAdmin().delete("/api/v1/users/" + carol + "/roles/" + assignment).then().statusCode(204);
        as(carol).get("/api/v1/audit").then().statusCode(403);
        Api.asAdmin().delete("/api/v1/users/" + carol + "/roles/" + assignment).then().statusCode(404)
                .body("code", is("FERRY-ROLE-005"));
        Api.asAdmin().delete("/api/v1/roles/" + name).then().statusCode(204);
        Api.asAdmin().get("/api/v1/roles/" + name).then().statusCode(404).body("code", is("FERRY-ROLE-001"));
    }

    @Test
    void usersAreDisabledDeletedAndChangeTheirOwnPassword() {
        String dave = user(false);
        // the user list pages, by user name
        JsonPath first = Api.asAdmin().get("/api/v1/users?size=1").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(1);
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(2);
        String second = Api.asAdmin().get("/api/v1/users?size=1&page=1").then().statusCode(200).extract().jsonPath()
                .getString("items[0].username");
        assertThat(second).isGreaterThan(first.getString("items[0].username"));
        Api.asAdmin().get("/api/v1/users?size=501").then().statusCode(422).body("code", is("FERRY-COMMON-001"));
        String token = as(dave).body("{\"name\":\"t1\"}").post("/api/v1/tokens").then().statusCode(201).extract().jsonPath()
                .getString("token");
        Api.withToken(token).get("/api/v1/status").then().statusCode(200);
        as(dave).get("/api/v1/status").then().statusCode(200);
        Api.asAdmin().contentType("application/json").body("{\"enabled\":false}").put("/api/v1/users/" + dave).then()
                .statusCode(200).body("enabled", is(false));
        as(dave).get("/api/v1/status").then().statusCode(401).body("code", is("FERRY-AUTH-002"));
        Api.withToken(token).get("/api/v1/status").then().statusCode(401);
        Api.asAdmin().contentType("application/json").body("{\"enabled\":true}").put("/api/v1/users/" + dave).then().statusCode(200);
        as(dave).get("/api/v1/status").then().statusCode(200);

        as(dave).body("{\"currentPassword\":\"wrong-password-here\",\"newPassword\":\"another-long-password\"}")
                .post("/api/v1/account/password").then().statusCode(422).body("code", is("FERRY-USER-003"));
        as(dave).body("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another-long-password\"}")
                .post("/api/v1/account/password").then().statusCode(204);
        as(dave).get("/api/v1/status").then().statusCode(401);
        given().auth().preemptive().basic(dave, "another-long-password").get("/api/v1/status").then().statusCode(200);

        Api.asAdmin().delete("/api/v1/users/" + dave).then().statusCode(204);
        Api.withToken(token).get("/api/v1/status").then().statusCode(401);
        Api.asAdmin().get("/api/v1/users/" + dave).then().statusCode(404).body("code", is("FERRY-USER-001"));
        // the admin cannot lock everyone out
        Api.asAdmin().contentType("application/json").body("{\"enabled\":false}").put("/api/v1/users/admin").then()
                .statusCode(409).body("code", is("FERRY-USER-002"));
        // a failed login is audited with the claimed name, never the password
        given().auth().preemptive().basic(dave, "guessed-password-123").get("/api/v1/status").then().statusCode(401);
        JsonPath failed = Api.asAdmin().queryParam("actor", dave).queryParam("action", "login.failed").get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items")).isNotEmpty();
        assertThat(failed.prettify()).doesNotContain("guessed-password-123");
        JsonPath changes = Api.asAdmin().queryParam("action", "user.").queryParam("size", 1000).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(changes.getList("items.target")).contains("PUT /api/v1/users/" + dave, "DELETE /api/v1/users/" + dave);
        assertThat(changes.prettify()).doesNotContain(PASSWORD).doesNotContain("another-long-password");
    }
}
