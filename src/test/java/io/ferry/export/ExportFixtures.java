package io.ferry.export;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Builds content views and runs exports through the API for the export tests. */
public final class ExportFixtures {
    private ExportFixtures() {
    }

    static String exports(String org) {
        return "/api/v1/organizations/" + org + "/exports";
    }

    static String createView(Repo r) {
        return ContentFixtures.createView(r, false);
    }

    /** Publishes and answers the new version ("2.0"). */
    static String publish(String org, String cv) {
        return ContentFixtures.publish(org, cv).getString("result.version");
    }

    static ValidatableResponse start(String org, String body) {
        return Api.asAdmin().contentType("application/json").body(body).post(exports(org)).then();
    }

    /** Runs an export to completion and returns its record. */
    public static JsonPath export(String org, String body) {
        String location = start(org, body).statusCode(202).extract().header("Location");
        JsonPath task = Tasks.awaitEnd(location);
        if (!"completed".equals(task.getString("state"))) {
            throw new AssertionError("export task ended " + task.prettify());
        }
        long id = task.getLong("result.exportId");
        return Api.asAdmin().get(exports(org) + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static String cvScope(String cv, String version) {
        return "{\"kind\":\"content_view_version\",\"contentView\":\"" + cv + "\",\"version\":\"" + version + "\"}";
    }
}
