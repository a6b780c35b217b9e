/** Content type plugins (file now) and the rules every unit follows: relative paths, metadata tags, the PULP_MANIFEST format. */
package io.ferry.content.type;
