package io.ferry.vcsp;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.security.Permission;
import io.ferry.security.RequestScope;
import jakarta.ws.rs.core.MultivaluedMap;

/** A subscriber credential reads one library's /vcsp tree (documents and files) and nothing else. */
final class SubscriberScope implements RequestScope {
    private final String username;
    private final String org;
    private final String library;

    SubscriberScope(String username, String org, String library) {
        this.username = username;
        this.org = org;
        this.library = library;
    }

    @Override
    public void check(String method, String path, MultivaluedMap<String, String> params, Permission required) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (!read || !path.startsWith("vcsp/") || required != Permission.VIEW_CONTENT) {
            throw refused("/" + path + " is not part of it");
        }
        String product = params.getFirst("product");
        String asked = product != null ? Library.latestPath(product, params.getFirst("repo"))
                : Library.environmentPath(params.getFirst("env"), params.getFirst("cv"), params.getFirst("repo"));
        if (!org.equals(params.getFirst("org")) || !library.equals(asked)) {
            throw refused("library " + params.getFirst("org") + "/" + asked + " is another one");
        }
    }

    private FerryException refused(String why) {
        return new FerryException(ErrorCode.FORBIDDEN, owner() + " may read only the library /vcsp/" + org + "/" + library
                + "/lib.json: " + why + ". Use an administrator's credentials or a token for anything else.");
    }

    @Override
    public String owner() {
        return "Subscriber credential '" + username + "'";
    }
}
