package io.ferry.serving;

/** What a /content URL resolves to: one repository version and its content type. */
public record PublishedRepository(long repositoryId, int version, String contentType, String label) {
}
