package io.baton.product;

/** What a new release does while another release of the same product is running. */
public enum Concurrency {
  /** The new release waits as QUEUED until the running one is terminal. */
  QUEUE,
  /** The new release terminates the running one. */
  TERMINATE
}
