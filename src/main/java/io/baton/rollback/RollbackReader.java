package io.baton.rollback;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;

/**
 * Reads in an application's repository what restoring the promoted values it had at an earlier
 * commit would change at its branch's head now. The Git adapter implements it.
 *
 * <p>The returned future fails with a {@code PromotionFailure} when the values cannot be restored
 * as things are (the commit is gone, the template matches nothing there).
 */
public interface RollbackReader {

  /**
   * {@code environment} names the application's side in messages; {@code template} null: every file
   * under the application's path is restored.
   */
  Future<RollbackPreview> preview(
      Application application, String environment, PromotionTemplate template, String commit);
}
