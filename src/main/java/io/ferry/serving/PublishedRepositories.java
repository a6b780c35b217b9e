package io.ferry.serving;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The two forms of /content URL resolved to the repository version they serve, answered from memory while nothing changed. */
@ApplicationScoped
public class PublishedRepositories {
    @Inject
    ContentLocator locator;
    @Inject
    ContentCache cache;

    /** {@code {org}/Library/custom/{product}/{repo}/}: the repository's latest version. */
    public PublishedRepository latest(String org, String product, String repo) {
        return cache.repository(ContentCache.latestKey(org, product, repo), () -> locator.latest(org, product, repo));
    }

    /** {@code {org}/{env}/{cv}/{repo}/}: the repository version the content view version in the environment pins. */
    public PublishedRepository inEnvironment(String org, String env, String cv, String repo) {
        return cache.repository(ContentCache.environmentKey(org, env, cv, repo), () -> locator.inEnvironment(org, env, cv, repo));
    }
}
