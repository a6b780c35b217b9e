package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.security.Permission;
import io.ferry.security.RequestScope;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Set;
import java.util.function.Function;

/**
 * What an upstream pushing content may do here: read the status, hand over a bundle (POST
 * {@code …/imports/push}) and read this server's receipt for organizations that accept pushes, and follow
 * the tasks it started. Nothing else: it cannot read content, change anything, or reach other organizations.
 */
final class PushScope implements RequestScope {
    private final String name;
    private final String serverId;
    private final Set<Long> organizations;
    private final Function<String, Long> organizationId;
    private final Function<String, String> taskOwner;

    PushScope(String name, String serverId, Set<Long> organizations, Function<String, Long> organizationId,
              Function<String, String> taskOwner) {
        this.name = name;
        this.serverId = serverId;
        this.organizations = organizations;
        this.organizationId = organizationId;
        this.taskOwner = taskOwner;
    }

    @Override
    public void check(String method, String path, MultivaluedMap<String, String> params, Permission required) {
        String org = params.getFirst("org");
        if (org == null) {
            String task = params.getFirst("id");
            boolean ownTask = required == Permission.VIEW_TASKS && "GET".equals(method) && task != null
                    && name.equals(taskOwner.apply(task));
            if (required == Permission.VIEW_STATUS && "GET".equals(method) || ownTask) {
                return;
            }
            throw refused("may only push bundles: " + method + " /" + path + " is refused");
        }
        boolean push = "POST".equals(method) && path.endsWith("/imports/push");
        boolean receipt = "GET".equals(method) && path.endsWith("/imports/receipt");
        if (!push && !receipt) {
            throw refused("may only push bundles: " + method + " /" + path + " is refused");
        }
        Long id = organizationId.apply(org);
        if (id == null || !organizations.contains(id)) {
            throw refused("may not push to organization '" + org + "': it does not accept pushes. Its operator allows them with "
                    + "ferry upstream configure --organization " + org + " ... --accept-push");
        }
    }

    /** The pushing server's id, from its certificate: the only server whose bundles it may hand over. */
    String serverId() {
        return serverId;
    }

    @Override
    public String owner() {
        return "The upstream '" + name.substring(PushCertificates.PRINCIPAL.length()) + "'";
    }

    private FerryException refused(String why) {
        return new FerryException(ErrorCode.DOWNSTREAM_OUT_OF_SCOPE, owner() + " " + why + ".");
    }
}
