/**
 * Receipts: what a downstream server holds for one organization (its import lineage and the digests of its
 * blobs), as a CMS SignedData file signed with its enrolled identity. The downstream writes one
 * ({@link ReceiptWriter}) before every upstream sync, or for an operator to carry across an air gap; the upstream
 * verifies and stores it ({@link ReceiptReader}) and an export based on it carries exactly the blobs it lacks.
 */
package io.ferry.receipt;
