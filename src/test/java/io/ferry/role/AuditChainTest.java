package io.ferry.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The audit trail's hash chain: intact it verifies; an edited or removed row is named; the API cannot change it. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class AuditChainTest {
    @Inject
    AgroalDataSource db;

    @Test
    void controlCharactersInARequestAreStoredEscapedAndTheChainStillVerifies() {
        String org = ContentFixtures.org();
        String api = "/api/v1/organizations/" + org + "/subscriber-credentials";
        Api.asAdmin().contentType("application/json").body("{\"library\":\"a/b\\u0000\\u001b[31m/c\"}").post(api).then().statusCode(422)
                .body("code", is("FERRY-COMMON-001"));
        JsonPath r = Api.asAdmin().queryParam("action", "subscriber-credential.create").queryParam("organization", org)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("items[0].result")).isEqualTo("failed");
        assertThat(r.getString("items[0].detail")).contains("FERRY-COMMON-001").doesNotContain("\u0000").doesNotContain("\u001b");
        Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", is(true));
    }

    @Test
    void anEditedOrDeletedRowIsNamedByVerify() throws Exception {
        for (int i = 0; i < 3; i++) {
            ContentFixtures.org(); // three audited actions at least
        }
        Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", is(true));
        long middle = Api.asAdmin().queryParam("action", "organization.create").queryParam("size", 2).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getLong("items[1].id");
        try (Connection c = db.getConnection()) {
            String target = one(c, "select target from audit_record where id = ?", middle);
            try {
                update(c, "update audit_record set target = 'POST /api/v1/organizations/forged' where id = ?", middle);
                JsonPath v = Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
                assertThat(v.getBoolean("valid")).isFalse();
                assertThat(v.getLong("firstInvalidId")).isEqualTo(middle);
                assertThat(v.getString("reason")).contains("changed");
            } finally {
                update(c, "update audit_record set target = ? where id = ?", target, middle);
            }
            Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", is(true));

            // a removed row: the next one no longer names its predecessor's hash
            long next = Long.parseLong(one(c, "select min(id) from audit_record where id > ?", middle));
            try (PreparedStatement save = c.prepareStatement("create temporary table saved as select * from audit_record where id = ?")) {
                save.setLong(1, middle);
                save.execute();
            }
            try {
                update(c, "delete from audit_record where id = ?", middle);
                JsonPath v = Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
                assertThat(v.getBoolean("valid")).isFalse();
                assertThat(v.getLong("firstInvalidId")).isEqualTo(next);
                assertThat(v.getString("reason")).contains("removed");
            } finally {
                update(c, "insert into audit_record select * from saved");
                update(c, "drop table saved");
            }
            Api.asAdmin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", is(true));
        }
    }

    @Test
    void theApiOffersNoWayToChangeOrRemoveRecords() {
        Api.asAdmin().delete("/api/v1/audit").then().statusCode(405);
        Api.asAdmin().contentType("application/json").body("{}").post("/api/v1/audit").then().statusCode(405);
        Api.asAdmin().contentType("application/json").body("{}").put("/api/v1/audit/1").then().statusCode(404);
        Api.asAdmin().queryParam("from", "2030-01-01T00:00:00Z").queryParam("to", "2020-01-01T00:00:00Z").get("/api/v1/audit")
                .then().statusCode(422).body("code", is("FERRY-COMMON-001"));
    }

    private static String one(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
