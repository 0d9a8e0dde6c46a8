import { diffLines } from './dashboardModel';

/** The files a promotion would change, as unified diffs with additions and removals coloured. */
export function DiffView({ files }: { files: ReadonlyArray<{ path: string; diff: string }> }) {
  return (
    <div className="diffs">
      {files.map((file) => (
        <figure className="diff" key={file.path}>
          <figcaption>{file.path}</figcaption>
          <pre aria-label={`Changes to ${file.path}`}>
            {diffLines(file.diff).map((line, i) => (
              <span key={i} className={`diff-${line.kind}`}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </figure>
      ))}
    </div>
  );
}
