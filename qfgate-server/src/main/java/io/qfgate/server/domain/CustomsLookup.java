package io.qfgate.server.domain;

/**
 * Which declarations a query or a re-push is about: those of payment {@code syssn} to
 * {@code customs}, the one of {@code subOrderNo} if given (null: for a query every sub-order,
 * for a re-push the unsplit order).
 */
public record CustomsLookup(String mchid, String syssn, String customs, String subOrderNo) {}
