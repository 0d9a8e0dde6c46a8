import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useEffect, useRef } from 'react';
import type { YamlProblem } from './flowYaml';

const extensions = [yaml(), lintGutter()];

/** YAML mode: the flow as YAML with syntax highlighting, and every problem marked at its line. */
export function FlowYamlEditor({
  value,
  onChange,
  problems,
}: {
  value: string;
  onChange: (text: string) => void;
  problems: YamlProblem[];
}) {
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(
      setDiagnostics(
        editor.state,
        problems.map((p) => diagnostic(editor, p)),
      ),
    );
  }, [problems, value]);

  return (
    <div className="yaml-mode">
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        basicSetup={{ foldGutter: false, autocompletion: false, closeBrackets: false }}
        aria-label="Promotion flow YAML"
        onCreateEditor={(editor) => {
          view.current = editor;
          editor.dispatch(
            setDiagnostics(
              editor.state,
              problems.map((p) => diagnostic(editor, p)),
            ),
          );
        }}
        minHeight="360px"
      />
      {problems.length > 0 && (
        <ul className="yaml-problems" role="alert" aria-label="Problems in the YAML">
          {problems.map((p, i) => (
            <li key={i} data-line={p.line ?? undefined}>
              {p.line ? <strong>Line {p.line}: </strong> : null}
              {p.line ? p.message.replace(/^line \d+\s*[:,-]\s*/i, '') : p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function diagnostic(view: EditorView, problem: YamlProblem): Diagnostic {
  const lines = view.state.doc.lines;
  const line = view.state.doc.line(Math.min(Math.max(problem.line ?? 1, 1), lines));
  return { from: line.from, to: Math.max(line.to, line.from), severity: 'error', message: problem.message };
}
