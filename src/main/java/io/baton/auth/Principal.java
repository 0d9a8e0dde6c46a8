package io.baton.auth;

/**
 * Who is calling: the token's id and name (what releases and the audit log record) and its role.
 */
public record Principal(long tokenId, String name, Role role) {}
