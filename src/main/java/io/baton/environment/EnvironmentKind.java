package io.baton.environment;

public enum EnvironmentKind {
  NON_PROD,
  PROD
}
