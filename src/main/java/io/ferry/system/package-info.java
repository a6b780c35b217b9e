/** Server identity (a stable UUID), the status endpoint and the API-wide OpenAPI description. */
package io.ferry.system;
