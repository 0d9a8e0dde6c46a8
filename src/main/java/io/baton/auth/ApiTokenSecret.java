package io.baton.auth;

/** A new token's secret, shown once, with the token it belongs to. */
public record ApiTokenSecret(String token, ApiToken apiToken) {}
