/**
 * Trust: this server's CA and its bundle-signing certificate (created at first start, keys 0600 under the
 * data directory), CMS signing of what an export carries and verification of what an import is given,
 * and each organization's list of trusted upstream certificates. It knows nothing about bundles beyond
 * "bytes to sign".
 */
package io.ferry.trust;
