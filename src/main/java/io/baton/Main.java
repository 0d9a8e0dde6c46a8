package io.baton;

import io.baton.cli.Cli;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (Cli.wants(List.of(args))) {
      System.exit(Cli.run(List.of(args), System.getenv()));
    }
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv(), List.of(args));
    } catch (IllegalArgumentException e) {
      LOG.error("Baton could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    Baton.start(config)
        .onSuccess(
            baton -> {
              Runtime.getRuntime().addShutdownHook(new Thread(() -> baton.close()));
              LOG.info("Baton is listening on http://localhost:{}/", baton.port());
            })
        .onFailure(
            failure -> {
              LOG.error("Baton could not start: {}", failure.getMessage(), failure);
              System.exit(1);
            });
  }
}
