/** Products, repositories and their immutable versions: content changes become versions through set-based SQL over content_staging, and versions are read with paged or keyset queries. */
package io.ferry.content;
