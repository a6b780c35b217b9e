package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.imports.bundle.ManifestHeader;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a synced bundle must be: an export by the upstream this sync talks to, of the organization it follows there,
 * of the scope it asked for (the Library, or that content view and version). A valid, trusted signature says who
 * wrote a bundle, not that it answers this request: an upstream that sends another organization's or another
 * version's bundle (by fault or on purpose) is refused before anything is recorded or stored.
 */
final class SyncExpectation {
    private SyncExpectation() {
    }

    static Consumer<ManifestHeader> of(UpstreamConfigs.Config cfg, String upstreamId, UpstreamSyncHandler.Followed f) {
        return h -> {
            String org = label(h.scope().get("organization"));
            String problem = null;
            if (!Objects.equals(upstreamId, h.sourceServerId())) {
                problem = "was written by server '" + h.sourceServerName() + "' (id " + h.sourceServerId() + "), not by the upstream "
                        + "this sync connected to (id " + upstreamId + ")";
            } else if (!cfg.upstreamOrganization().equals(org)) {
                problem = "holds organization '" + org + "', not '" + cfg.upstreamOrganization() + "'";
            } else if (f.contentView() == null ? !"library".equals(h.scopeKind()) : !"content_view_version".equals(h.scopeKind())
                    || !f.contentView().equals(label(h.scope().get("contentView")))
                    || f.version() != null && !f.version().equals(field(h.scope().get("contentView"), "version"))) {
                problem = "holds " + h.scopeDescription() + ", not " + f.description();
            }
            if (problem != null) {
                throw new FerryException(ErrorCode.SYNC_UNEXPECTED_BUNDLE, "The upstream " + cfg.url() + " was asked for "
                        + f.description() + " of organization '" + cfg.upstreamOrganization() + "', but the bundle it sent "
                        + problem + ". Nothing was imported. Check the upstream URL (ferry upstream configure --url) and ask "
                        + "the upstream's operator what answers at that address.");
            }
        };
    }

    /**
     * What a bundle pushed by the upstream's certificate must be: written by the server that certificate names (its OU),
     * of the organization this downstream follows there and,
     * when it follows named content views, a version of one of them. (A local administrator's push is a media import.)
     */
    static Consumer<ManifestHeader> ofPush(UpstreamConfigs.Config cfg, String pusher, String pusherServerId) {
        return h -> {
            String org = label(h.scope().get("organization"));
            String view = label(h.scope().get("contentView"));
            String problem = null;
            if (pusherServerId == null || !pusherServerId.equalsIgnoreCase(String.valueOf(h.sourceServerId()))) {
                problem = "was written by server '" + h.sourceServerName() + "' (id " + h.sourceServerId() + "), not by the pushing "
                        + "server (id " + pusherServerId + ", from its certificate)";
            } else if (!cfg.upstreamOrganization().equals(org)) {
                problem = "holds organization '" + org + "', not '" + cfg.upstreamOrganization() + "' which this organization follows";
            } else if ("content-views".equals(cfg.follow()) && (view == null || !cfg.contentViews().contains(view))) {
                problem = "holds " + h.scopeDescription() + ", not a version of the content views followed (" + String.join(", ",
                        cfg.contentViews()) + ")";
            }
            if (problem != null) {
                throw new FerryException(ErrorCode.SYNC_UNEXPECTED_BUNDLE, "The bundle pushed by " + pusher + " " + problem
                        + ". Nothing was imported. Check what the upstream pushes (ferry downstream-server push --organization) "
                        + "and what this organization follows (ferry upstream show).");
            }
        };
    }

    private static String label(Object o) {
        return field(o, "label");
    }

    private static String field(Object o, String name) {
        return o instanceof Map<?, ?> m && m.get(name) != null ? String.valueOf(m.get(name)) : null;
    }
}
