/** Organizations, the tenants that own everything else; creating one creates its Library environment. */
package io.ferry.organization;
