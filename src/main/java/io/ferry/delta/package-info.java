/**
 * Block-level deltas: a content-defined chunk index of each large blob (FastCDC, frozen parameters, computed while
 * the blob is stored), from which a changed image can travel as only its new chunks. See docs/deltas.md.
 */
package io.ferry.delta;
