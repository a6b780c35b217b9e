package io.ferry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an organization follows, asked of the upstream: the Library, the versions an environment holds, or named content views' latest. */
final class UpstreamScopes {
    private UpstreamScopes() {
    }

    static List<UpstreamSyncHandler.Followed> followed(UpstreamClient client, UpstreamConfigs.Config cfg) {
        String org = "/api/v1/organizations/" + cfg.upstreamOrganization();
        List<UpstreamSyncHandler.Followed> out = new ArrayList<>();
        switch (cfg.follow()) {
            case "library" -> out.add(new UpstreamSyncHandler.Followed(Map.of("kind", "library"), null, null, "the Library"));
            case "environment" -> {
                JsonNode env = client.get(org + "/lifecycle-environments/" + cfg.environment());
                for (JsonNode held : env.path("contentViews")) {
                    String cv = held.path("contentView").asText();
                    Map<String, Object> scope = new LinkedHashMap<>();
                    scope.put("kind", "content_view_version");
                    scope.put("contentView", cv);
                    scope.put("environment", cfg.environment());
                    out.add(new UpstreamSyncHandler.Followed(scope, cv, held.path("version").asText(), "content view '" + cv
                            + "' version " + held.path("version").asText() + " in " + cfg.environment()));
                }
            }
            default -> {
                for (String cv : cfg.contentViews()) {
                    String latest = client.get(org + "/content-views/" + cv).path("latestVersion").asText("");
                    if (latest.isEmpty()) {
                        continue; // nothing published there yet
                    }
                    Map<String, Object> scope = new LinkedHashMap<>();
                    scope.put("kind", "content_view_version");
                    scope.put("contentView", cv);
                    scope.put("version", latest);
                    out.add(new UpstreamSyncHandler.Followed(scope, cv, latest, "content view '" + cv + "' version " + latest));
                }
            }
        }
        return out;
    }
}
