/** Cross-cutting pieces: the error model (one table of codes, one mapper to problem+json), paging, build info and server-wide config. */
package io.ferry.common;
