package io.baton.git;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

/**
 * JGit's transport for the file:// repositories under one directory, handing each connection to
 * JGit's own local transport: it counts the fetches made and, while {@link #hold held}, keeps each
 * fetch waiting right after the remote advertised its branches, so the fetch is in flight and
 * brings what the remote held when it started, whatever is pushed meanwhile. JGit asks the most
 * recently registered transport first.
 */
public final class HeldFetches extends TransportProtocol implements AutoCloseable {
  private final TransportProtocol local;
  private final String root;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile CountDownLatch gate;

  private HeldFetches(TransportProtocol local, String root) {
    this.local = local;
    this.root = root;
  }

  /** Registers the transport for the repositories under {@code root}; close unregisters it. */
  public static HeldFetches register(Path root) {
    try {
      URIish sample = new URIish(GitFixture.url(root.resolve("sample.git")));
      TransportProtocol local =
          Transport.getTransportProtocols().stream()
              .filter(p -> p.getSchemes().contains("file") && p.canHandle(sample, null, null))
              .findFirst()
              .orElseThrow();
      HeldFetches held = new HeldFetches(local, root.toAbsolutePath().toString());
      Transport.register(held);
      return held;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** From now on each fetch waits, after the remote's advertisement, until {@link #release}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets every waiting fetch go on; later fetches do not wait. */
  public void release() {
    CountDownLatch held = gate;
    gate = null;
    if (held != null) {
      held.countDown();
    }
  }

  /** Fetches made so far (each counted when the remote has advertised its branches). */
  public int fetches() {
    return fetches.get();
  }

  /** Fetches waiting now. */
  public int waiting() {
    return waiting.get();
  }

  @Override
  public void close() {
    release();
    Transport.unregister(this);
  }

  @Override
  public String getName() {
    return "test: held " + local.getName();
  }

  @Override
  public Set<String> getSchemes() {
    return local.getSchemes();
  }

  @Override
  public boolean canHandle(URIish uri, Repository repository, String remoteName) {
    return "file".equals(uri.getScheme())
        && uri.getPath() != null
        && uri.getPath().startsWith(root)
        && local.canHandle(uri, repository, remoteName);
  }

  @Override
  public Transport open(URIish uri, Repository repository, String remoteName)
      throws NotSupportedException, TransportException {
    Transport inner = local.open(uri, repository, remoteName);
    return new Transport(repository, uri) {
      @Override
      public FetchConnection openFetch() throws NotSupportedException, TransportException {
        FetchConnection connection = inner.openFetch();
        fetches.incrementAndGet();
        CountDownLatch held = gate;
        if (held != null) {
          waiting.incrementAndGet();
          try {
            if (!held.await(30, TimeUnit.SECONDS)) {
              throw new TransportException(uri, "held for 30 s and never released");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(uri, "interrupted while held");
          } finally {
            waiting.decrementAndGet();
          }
        }
        return connection;
      }

      @Override
      public PushConnection openPush() throws NotSupportedException, TransportException {
        return inner.openPush();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }
}
