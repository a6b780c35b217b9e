/**
 * vSphere Content Library subscription (VCSP version 2): every published repository URL also answers as a subscribed
 * library under {@code /vcsp/}, with generated {@code lib.json}, {@code items.json} and per-item {@code item.json},
 * streamed from the database; and read-only subscriber credentials, each limited to one library.
 */
package io.ferry.vcsp;
