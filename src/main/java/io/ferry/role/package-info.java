/** Roles (named bundles of permissions) and their assignment to users, per organization and optionally narrowed. */
package io.ferry.role;
