/**
 * Ferry: a content server that organizes content and moves it between servers. See the package-info of each
 * feature package: common, embeddeddb, security, storage, system, task, organization, lifecycle, content
 * (with content.type), upload, remote, contentview, serving.
 */
package io.ferry;
