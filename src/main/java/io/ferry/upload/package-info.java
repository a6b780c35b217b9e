/** Resumable chunked uploads kept under data/uploads until they are added to a repository. */
package io.ferry.upload;
