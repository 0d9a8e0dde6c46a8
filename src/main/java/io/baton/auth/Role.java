package io.baton.auth;

/** Roles in increasing power: each one may do everything the one before it may. */
public enum Role {
  VIEWER,
  PROMOTER,
  ADMIN;

  public boolean allows(Role required) {
    return compareTo(required) >= 0;
  }
}
