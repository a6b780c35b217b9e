package io.ferry.publication;

/** A publication target with its opened credentials, for the publisher only (never serialised). */
record Target(long id, long organizationId, String name, String endpoint, String bucket, String prefix, String region,
              boolean pathStyle, String accessKeyId, String secretAccessKey) {
    /** The key of {@code path} below the target's prefix. */
    String key(String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    @Override
    public String toString() {
        return "Target[" + name + ", " + endpoint + ", bucket " + bucket + "]";
    }
}
