/** The read-only /content tree: files of published repository versions with ranges and validators, and generated indexes. */
package io.ferry.serving;
