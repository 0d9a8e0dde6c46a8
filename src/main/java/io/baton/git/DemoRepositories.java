package io.baton.git;

import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.Entry;
import io.baton.product.PromotionTemplate.VersionSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The quick start's world on local Git: one bare repository per environment for {@code
 * demo-trioapp} under {@code <data dir>/demo-repos}, all with the same layout (a small Helm chart
 * at the repository's root), dev carrying a newer image tag than qa and prod, so the first release
 * visibly promotes it.
 */
public final class DemoRepositories {
  public static final String PRODUCT = "demo-trioapp";
  public static final List<String> ENVIRONMENTS = List.of("dev", "qa", "prod");
  public static final String BRANCH = "main";
  public static final String PATH = "";
  public static final String DEV_TAG = "1.1.0";
  public static final String RELEASED_TAG = "1.0.0";

  /**
   * The demo product's template: the version is values.yaml's image.tag, and that is what moves.
   */
  public static final PromotionTemplate TEMPLATE =
      new PromotionTemplate(
          new VersionSource("values.yaml", "$.image.tag"),
          List.of(new Entry("values.yaml", List.of("$.image.tag"))));

  private static final PersonIdent DEMO = new PersonIdent("Baton demo", "demo@baton.localhost");
  private static final Map<String, Integer> REPLICAS = Map.of("dev", 1, "qa", 2, "prod", 3);
  private static final Map<String, String> CPU =
      Map.of("dev", "100m", "qa", "250m", "prod", "500m");

  private DemoRepositories() {}

  /** {@link #create(Path)} on a worker thread. */
  public static Future<Map<String, String>> create(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(() -> create(dataDir), false);
  }

  /**
   * Creates the repositories that are missing and returns each environment's repository URL ({@code
   * file://}), in the order dev, qa, prod. Blocking.
   */
  public static Map<String, String> create(Path dataDir) {
    Path root = dataDir.resolve("demo-repos");
    Map<String, String> urls = new LinkedHashMap<>();
    for (String env : ENVIRONMENTS) {
      Path dir = root.resolve(PRODUCT + "-" + env + ".git");
      try (Repository repo = openBare(dir)) {
        if (repo.exactRef(Constants.R_HEADS + BRANCH) == null) {
          populate(repo, env);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the demo repository " + dir, e);
      }
      urls.put(env, "file://" + dir.toAbsolutePath());
    }
    return urls;
  }

  private static void populate(Repository repo, String env) throws IOException {
    Map<String, String> chart = new LinkedHashMap<>();
    chart.put("Chart.yaml", chartYaml());
    chart.put("values.yaml", valuesYaml(env, RELEASED_TAG));
    chart.put("templates/deployment.yaml", deploymentYaml());
    Instant at = Instant.parse("2026-01-05T09:00:00Z");
    commit(repo, BRANCH, chart, "Add the demo-trioapp chart for " + env, DEMO, at);
    if (env.equals("dev")) {
      commit(
          repo,
          BRANCH,
          Map.of("values.yaml", valuesYaml(env, DEV_TAG)),
          "Build " + DEV_TAG + " of trioapp",
          DEMO,
          at.plusSeconds(3_600));
    }
  }

  static Repository openBare(Path dir) throws IOException {
    Files.createDirectories(dir);
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!repo.getObjectDatabase().exists()) {
      repo.create(true);
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.disableRefLog();
      head.link(Constants.R_HEADS + BRANCH);
    }
    return repo;
  }

  /**
   * Commits files (path from the root; a null content removes the file) on top of {@code branch}
   * directly in a (bare) repository, and moves the branch. Returns the commit.
   */
  static ObjectId commit(
      Repository repo,
      String branch,
      Map<String, String> files,
      String message,
      PersonIdent who,
      Instant at)
      throws IOException {
    Ref ref = repo.exactRef(Constants.R_HEADS + branch);
    ObjectId parent = ref == null ? null : ref.getObjectId();
    try (ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      DirCache index = DirCache.newInCore();
      if (parent != null) {
        DirCacheBuilder builder = index.builder();
        builder.addTree(
            new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (file.getValue() == null) {
          editor.add(new DirCacheEditor.DeletePath(file.getKey()));
          continue;
        }
        ObjectId blob =
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
        editor.add(
            new DirCacheEditor.PathEdit(file.getKey()) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent ident = new PersonIdent(who.getName(), who.getEmailAddress(), at, ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
      update.setRefLogMessage("commit: " + message, false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IOException("could not move " + branch + ": " + result);
      }
      return id;
    }
  }

  static String chartYaml() {
    return """
        apiVersion: v2
        name: demo-trioapp
        description: The quick start's demo application, promoted by Baton from dev to qa to prod.
        type: application
        # The chart's own version; the application's version is image.tag in values.yaml.
        version: 0.1.0
        """;
  }

  static String valuesYaml(String env, String tag) {
    int replicas = REPLICAS.get(env);
    return """
        # Values for demo-trioapp in %1$s.
        # Baton promotes image.tag from dev to qa to prod; everything else here belongs to %1$s.

        replicaCount: %2$d  # %1$s runs %2$d %3$s

        image:
          repository: ghcr.io/baton-demo/trioapp
          # The version: the promotion template copies this value.
          tag: "%4$s"
          pullPolicy: IfNotPresent

        service:
          type: ClusterIP
          port: 8080

        resources:
          requests:
            cpu: %5$s
            memory: 128Mi
        """
        .formatted(env, replicas, replicas == 1 ? "replica" : "replicas", tag, CPU.get(env));
  }

  static String deploymentYaml() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          replicas: {{ .Values.replicaCount }}
          selector:
            matchLabels:
              app: {{ .Release.Name }}
          template:
            metadata:
              labels:
                app: {{ .Release.Name }}
            spec:
              containers:
                - name: trioapp
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                  imagePullPolicy: {{ .Values.image.pullPolicy }}
                  ports:
                    - containerPort: {{ .Values.service.port }}
                  resources:
                    {{- toYaml .Values.resources | nindent 12 }}
        """;
  }
}
