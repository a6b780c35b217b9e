package io.ferry.vcsp;

import io.ferry.serving.PublishedRepository;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One subscribed library: the repository version a /content URL serves, named by that URL's path after the
 * organization ({@code Library/custom/PRODUCT/REPO} or {@code ENV/CV/REPO}). Its id and its items' ids are derived
 * from this server's id and those labels (which never change), so they stay the same across republishing.
 */
record Library(String org, String path, PublishedRepository repo) {
    String key() {
        return org + "/" + path;
    }

    UUID id(UUID serverId) {
        return UUID.nameUUIDFromBytes(("ferry-vcsp\0" + serverId + "\0" + key()).getBytes(StandardCharsets.UTF_8));
    }

    static UUID itemId(UUID libraryId, String itemKey) {
        return UUID.nameUUIDFromBytes(("ferry-vcsp-item\0" + libraryId + "\0" + itemKey).getBytes(StandardCharsets.UTF_8));
    }

    static String latestPath(String product, String repo) {
        return "Library/custom/" + product + "/" + repo;
    }

    static String environmentPath(String env, String cv, String repo) {
        return env + "/" + cv + "/" + repo;
    }
}
