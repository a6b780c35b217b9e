/** Authentication (HTTP Basic with Argon2id passwords, personal Bearer tokens stored as SHA-256), the first admin account, and the permission gate every /api/v1 endpoint passes through. */
package io.ferry.security;
