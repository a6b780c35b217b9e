/**
 * Publication targets: S3-compatible buckets that receive the /content tree of a repository or of a content view in
 * an environment (files, PULP_MANIFEST, VCSP documents), so hosts and vCenters read it from the bucket.
 */
package io.ferry.publication;
