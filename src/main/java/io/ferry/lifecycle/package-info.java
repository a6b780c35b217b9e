/** Lifecycle environments and their paths from Library, and which content view version each environment holds. */
package io.ferry.lifecycle;
