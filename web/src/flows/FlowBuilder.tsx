import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../api/errors';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { FlowChart } from './FlowChart';
import { serverGateProblems, type ServerGateProblem } from './flowGates';
import { draftFromFlow, draftProblems, emptyDraft, sameDraft, type FlowDraft } from './flowModel';
import { FlowSettingsPanel } from './FlowSettingsPanel';
import { draftToYaml, keepVendorFields, locateError, yamlToDraft, type YamlProblem } from './flowYaml';
import { FlowYamlEditor } from './FlowYamlEditor';
import { ApplyPromotionFlowYamlMutation, FlowBuilderQuery } from './queries';

type Mode = 'chart' | 'yaml';

/** The Flow Builder: settings, Chart mode and YAML mode over one flow; Save Promotion Flow saves it. */
export function FlowBuilder() {
  const { name: existingName } = useParams();
  const editing = existingName != null;
  const [{ data, error }, refetch] = useQuery({
    query: FlowBuilderQuery,
    variables: { name: existingName ?? '', existing: editing },
    requestPolicy: 'network-only',
  });
  const flow = data?.promotionFlow;

  if (error)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </div>
    );
  if (!data)
    return (
      <div className="page">
        <Loading what="the flow builder" />
      </div>
    );
  if (editing && !flow) {
    return (
      <div className="page">
        <ErrorMessage error={`There is no promotion flow named ${existingName}.`} />
        <Link to="/flows">Back to Promotion Flows</Link>
      </div>
    );
  }
  const initial = flow ? draftFromFlow(flow) : emptyDraft();
  return (
    <Builder
      key={existingName ?? 'new'}
      initial={initial}
      initialYaml={flow?.yaml ?? null}
      originalName={flow?.name ?? null}
      environments={[...data.environments].sort((a, b) => a.position - b.position)}
      existingNames={data.promotionFlows.map((f) => f.name)}
    />
  );
}

interface BuilderProps {
  initial: FlowDraft;
  initialYaml: string | null;
  originalName: string | null;
  environments: Array<{ name: string; kind: string }>;
  existingNames: string[];
}

function Builder({ initial, initialYaml, originalName, environments, existingNames }: BuilderProps) {
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('chart');
  const [draft, setDraft] = useState<FlowDraft>(initial);
  const [yamlText, setYamlText] = useState<string>(initialYaml ?? '');
  /** The draft the YAML text says: while it matches, the text (and any comments in it) is kept as typed. */
  const [yamlDraft, setYamlDraft] = useState<FlowDraft | null>(initialYaml ? initial : null);
  const [yamlProblems, setYamlProblems] = useState<YamlProblem[]>([]);
  const [chartProblems, setChartProblems] = useState<string[]>([]);
  const [settingsOpen, setSettingsOpen] = useState(true);
  /** The step whose settings (its gates) the panel shows in Chart mode. */
  const [selected, setSelected] = useState<string | null>(null);
  /** What the server said about the selected step's gates at the last save, until the next change. */
  const [gateProblems, setGateProblems] = useState<ServerGateProblem[]>([]);
  const [saved, save] = useMutation(ApplyPromotionFlowYamlMutation);

  useEffect(() => {
    document.title = `${originalName ? `Edit ${originalName}` : 'Add Promotion Flow'} · Baton`;
    return () => {
      document.title = 'Baton';
    };
  }, [originalName]);

  const renaming = originalName != null && draft.name !== originalName && draft.name !== '';
  const nameTaken = useMemo(
    () => draft.name !== '' && draft.name !== originalName && existingNames.includes(draft.name),
    [draft.name, originalName, existingNames],
  );

  function changeDraft(next: FlowDraft) {
    setDraft(next);
    setChartProblems([]);
    setGateProblems([]);
    if (mode === 'yaml') {
      const text = keepVendorFields(yamlText, draftToYaml(next));
      setYamlText(text);
      setYamlDraft(next);
      setYamlProblems([]);
    }
  }

  function showYaml() {
    if (!yamlDraft || !sameDraft(draft, yamlDraft)) {
      setYamlText(keepVendorFields(yamlText, draftToYaml(draft)));
      setYamlDraft(draft);
      setYamlProblems([]);
    }
    setMode('yaml');
  }

  function selectStep(environment: string) {
    setSelected(environment);
    setSettingsOpen(true);
  }

  function showChart() {
    const reading = yamlToDraft(yamlText);
    if (!reading.draft) {
      setYamlProblems(reading.problems);
      return;
    }
    setDraft(reading.draft);
    setYamlDraft(reading.draft);
    setMode('chart');
  }

  function editYaml(text: string) {
    setYamlText(text);
    const reading = yamlToDraft(text);
    setYamlProblems(reading.problems);
    if (reading.draft) {
      setDraft(reading.draft);
      setYamlDraft(reading.draft);
    }
  }

  async function submit() {
    let text = yamlText;
    let current = draft;
    if (mode === 'chart') {
      const problems = draftProblems(draft);
      if (problems.length) {
        setChartProblems(problems);
        return;
      }
      text =
        yamlDraft && sameDraft(draft, yamlDraft) && yamlText
          ? yamlText
          : keepVendorFields(yamlText, draftToYaml(draft));
    } else {
      const reading = yamlToDraft(text);
      if (reading.draft) current = reading.draft;
    }
    if (current.name && current.name !== originalName && existingNames.includes(current.name)) {
      const message = `A flow named ${current.name} already exists. Choose another name, or open ${current.name} from the Promotion Flows list to change it.`;
      if (mode === 'chart') setChartProblems([message]);
      else setYamlProblems([{ line: locateError(text, 'metadata.name') ?? null, message }]);
      return;
    }
    const result = await save({ yaml: text });
    if (result.data) {
      const { name, warnings } = result.data.applyPromotionFlowYaml;
      navigate('/flows', { state: { saved: name, warnings } });
      return;
    }
    if (result.error && !result.error.networkError) {
      // The server's word is shown where it applies: at its line in YAML mode.
      const message = describeError(result.error);
      if (mode === 'chart' && showGateProblems(current, message)) return;
      setYamlText(text);
      setYamlDraft(current);
      setYamlProblems([{ line: locateError(text, message), message }]);
      setMode('yaml');
    }
  }

  /** A problem with a step's gate is shown next to its field in the step's settings, in Chart mode. */
  function showGateProblems(current: FlowDraft, message: string): boolean {
    const problems = serverGateProblems(message);
    const step = problems.length ? current.steps[problems[0].step] : undefined;
    if (!step) return false;
    selectStep(step.environment);
    setGateProblems(problems);
    setChartProblems([message]);
    return true;
  }

  return (
    <div className="page builder">
      <div className="page-header builder-header">
        <div>
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to="/flows">Promotion Flows</Link> /
          </nav>
          <h1>{originalName ? originalName : 'Add Promotion Flow'}</h1>
        </div>
        <div className="builder-actions">
          <div className="segmented" role="group" aria-label="Flow Builder mode">
            <button type="button" aria-pressed={mode === 'chart'} onClick={() => mode !== 'chart' && showChart()}>
              Chart
            </button>
            <button type="button" aria-pressed={mode === 'yaml'} onClick={() => mode !== 'yaml' && showYaml()}>
              YAML
            </button>
          </div>
          {!settingsOpen && (
            <button type="button" onClick={() => setSettingsOpen(true)} aria-label="Open the settings panel">
              &lt; Settings
            </button>
          )}
          <button type="button" className="primary" onClick={submit} disabled={saved.fetching}>
            {saved.fetching ? 'Saving…' : 'Save Promotion Flow'}
          </button>
        </div>
      </div>
      {nameTaken && <p className="notice">A flow named {draft.name} already exists: saving would need another name.</p>}
      {saved.error?.networkError && <ErrorMessage error={saved.error} title="The flow was not saved." />}
      {chartProblems.length > 0 && (
        <div className="error-box" role="alert">
          <strong>Before saving:</strong>
          <ul>
            {chartProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {mode === 'yaml' && yamlProblems.length > 0 && (
        <p className="sr-only" role="status">
          The YAML has problems; they are listed under the editor.
        </p>
      )}
      <div className={`builder-body${settingsOpen ? ' with-settings' : ''}`}>
        <section className="builder-main card" aria-label={mode === 'chart' ? 'Chart mode' : 'YAML mode'}>
          {environments.length === 0 ? (
            <p className="muted">
              There are no environments yet. An administrator creates them first (for example dev, qa and prod).
            </p>
          ) : mode === 'chart' ? (
            <FlowChart
              draft={draft}
              environments={environments}
              onChange={changeDraft}
              selected={selected}
              onSelect={selectStep}
            />
          ) : (
            <FlowYamlEditor value={yamlText} onChange={editYaml} problems={yamlProblems} />
          )}
        </section>
        {settingsOpen && (
          <FlowSettingsPanel
            draft={draft}
            onChange={changeDraft}
            onClose={() => setSettingsOpen(false)}
            renaming={renaming}
            selected={mode === 'chart' ? selected : null}
            onDeselect={() => setSelected(null)}
            gateProblems={gateProblems.filter((p) => draft.steps[p.step]?.environment === selected)}
          />
        )}
      </div>
    </div>
  );
}
