import type { ReactNode } from 'react';
import {
  changeKind,
  defaultWhen,
  GATE_KINDS,
  gateKindName,
  HTTP_METHODS,
  MAX_APPROVALS,
  ROLES,
  type ApprovalGateDraft,
  type GateDraft,
  type GateField,
  type GateKind,
  type GateWhen,
  type HttpGateDraft,
  type Role,
} from './flowGates';
import { TimeoutInput } from './TimeoutInput';

/** How often the server checks a waiting gate whose interval is not given (HttpGate, ApprovalGate, SoakGate, ArgoCdGate). */
const DEFAULT_INTERVAL: Record<GateKind, string> = {
  ARGOCD: 'Empty: as often as Baton polls Argo CD (every 10 seconds unless configured).',
  HTTP: 'Empty: every 10 seconds.',
  APPROVAL: 'Empty: every minute.',
  SOAK: 'Empty: every 5 seconds.',
};

export type GateErrors = Partial<Record<GateField, string>>;

interface Props {
  /** Unique on the page, for the fields' ids. */
  id: string;
  /** 1-based, as people count. */
  number: number;
  gate: GateDraft;
  onChange: (gate: GateDraft) => void;
  onRemove: () => void;
  onMove: (direction: -1 | 1) => void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** By field: the client's checks and, after a save, the server's word, which wins. */
  errors: GateErrors;
  /** The server's word about the gate as a whole, when it names no field. */
  problems: string[];
}

/** One gate of a step in its settings panel: its kind, when it runs, its timing and its kind's own fields. */
export function GateEditor({
  id,
  number,
  gate,
  onChange,
  onRemove,
  onMove,
  canMoveUp,
  canMoveDown,
  errors,
  problems,
}: Props) {
  const name = `gate ${number} (${gateKindName(gate.kind)})`;
  const field = (key: GateField) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: GateField) =>
    errors[key] ? (
      <p className="field-error" id={`${id}-${key}-error`}>
        {errors[key]}
      </p>
    ) : null;
  return (
    <fieldset className="gate-editor" data-gate={number}>
      <legend>
        Gate {number}: {gateKindName(gate.kind)}
      </legend>
      <div className="gate-tools">
        <button type="button" onClick={() => onMove(-1)} disabled={!canMoveUp} aria-label={`Move ${name} earlier`}>
          ↑
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={!canMoveDown} aria-label={`Move ${name} later`}>
          ↓
        </button>
        <button type="button" onClick={onRemove} aria-label={`Remove ${name}`}>
          Remove
        </button>
      </div>
      {problems.map((p) => (
        <p key={p} className="field-error" role="alert">
          {p}
        </p>
      ))}
      <Row label="Kind" htmlFor={`${id}-kind`}>
        <select
          id={`${id}-kind`}
          value={gate.kind}
          onChange={(e) => onChange(changeKind(gate, e.target.value as GateKind))}
        >
          {GATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {gateKindName(k)}
            </option>
          ))}
        </select>
      </Row>
      <Row label="When" htmlFor={`${id}-when`}>
        <select
          {...field('when')}
          value={gate.when}
          onChange={(e) => onChange({ ...gate, when: e.target.value as GateWhen })}
        >
          <option value="BEFORE">Before{defaultWhen(gate.kind) === 'BEFORE' ? ' (default)' : ''}</option>
          <option value="AFTER">After{defaultWhen(gate.kind) === 'AFTER' ? ' (default)' : ''}</option>
        </select>
      </Row>
      {error('when')}
      {gate.kind === 'HTTP' && <HttpFields id={id} gate={gate} onChange={onChange} field={field} error={error} />}
      {gate.kind === 'APPROVAL' && (
        <ApprovalFields id={id} gate={gate} onChange={onChange} field={field} error={error} />
      )}
      {gate.kind === 'SOAK' && (
        <>
          <label htmlFor={`${id}-duration`}>Soak duration</label>
          <TimeoutInput
            id={`${id}-duration`}
            value={gate.duration}
            onChange={(duration) => onChange({ ...gate, duration })}
            unitLabel={`Unit of gate ${number}'s soak duration`}
            placeholder=""
            emptyUnit="minutes"
            describedBy={errors.duration ? `${id}-duration-error` : `${id}-duration-help`}
            invalid={!!errors.duration}
          />
          {error('duration') ?? (
            <p className="help" id={`${id}-duration-help`}>
              How long the version stays in the environment, every other gate passed.
            </p>
          )}
        </>
      )}
      <label htmlFor={`${id}-timeout`}>Timeout</label>
      <TimeoutInput
        id={`${id}-timeout`}
        value={gate.timeout}
        onChange={(timeout) => onChange({ ...gate, timeout })}
        unitLabel={`Unit of gate ${number}'s timeout`}
        placeholder=""
        emptyUnit="minutes"
        describedBy={errors.timeout ? `${id}-timeout-error` : `${id}-timeout-help`}
        invalid={!!errors.timeout}
      />
      {error('timeout') ?? (
        <p className="help" id={`${id}-timeout-help`}>
          {gate.kind === 'HTTP' ? 'Empty: 10 minutes.' : "Empty: until the flow's timeout."}
        </p>
      )}
      <label htmlFor={`${id}-interval`}>Check every</label>
      <TimeoutInput
        id={`${id}-interval`}
        value={gate.interval}
        onChange={(interval) => onChange({ ...gate, interval })}
        unitLabel={`Unit of gate ${number}'s interval`}
        placeholder=""
        emptyUnit="seconds"
        describedBy={errors.interval ? `${id}-interval-error` : `${id}-interval-help`}
        invalid={!!errors.interval}
      />
      {error('interval') ?? (
        <p className="help" id={`${id}-interval-help`}>
          {DEFAULT_INTERVAL[gate.kind]}
        </p>
      )}
    </fieldset>
  );
}

interface KindProps<G extends GateDraft> {
  id: string;
  gate: G;
  onChange: (gate: GateDraft) => void;
  field: (key: GateField) => Record<string, unknown>;
  error: (key: GateField) => ReactNode;
}

function HttpFields({ id, gate, onChange, field, error }: KindProps<HttpGateDraft>) {
  const setHeader = (index: number, part: 'name' | 'value', text: string) =>
    onChange({ ...gate, headers: gate.headers.map((h, i) => (i === index ? { ...h, [part]: text } : h)) });
  return (
    <>
      <Row label="Method" htmlFor={`${id}-method`}>
        <select
          {...field('method')}
          value={gate.method}
          onChange={(e) => onChange({ ...gate, method: e.target.value })}
        >
          {(HTTP_METHODS.includes(gate.method) ? HTTP_METHODS : [gate.method, ...HTTP_METHODS]).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Row>
      {error('method')}
      <label htmlFor={`${id}-url`}>URL</label>
      <input
        {...field('url')}
        type="text"
        value={gate.url}
        onChange={(e) => onChange({ ...gate, url: e.target.value })}
        placeholder="https://qa.example.com/version"
        autoComplete="off"
        spellCheck={false}
      />
      {error('url')}
      <p className="help">
        May use {'{{version}}'}, {'{{commit}}'}, {'{{environment}}'}, {'{{product}}'} and {'{{release}}'}.
      </p>
      <div className="gate-headers" role="group" aria-labelledby={`${id}-headers-label`}>
        <span id={`${id}-headers-label`} className="gate-label">
          Headers
        </span>
        {gate.headers.map((header, i) => (
          <div className="gate-header" key={i}>
            <input
              aria-label={`Header ${i + 1} name`}
              value={header.name}
              onChange={(e) => setHeader(i, 'name', e.target.value)}
              placeholder="Accept"
              autoComplete="off"
              spellCheck={false}
            />
            <input
              aria-label={`Header ${i + 1} value`}
              value={header.value}
              onChange={(e) => setHeader(i, 'value', e.target.value)}
              placeholder="application/json"
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove header ${i + 1}`}
              onClick={() => onChange({ ...gate, headers: gate.headers.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => onChange({ ...gate, headers: [...gate.headers, { name: '', value: '' }] })}
        >
          Add a header
        </button>
        {error('headers')}
        <p className="help">Every viewer can read header values: keep secrets out.</p>
      </div>
      <label htmlFor={`${id}-expectStatus`}>Expected status</label>
      <input
        {...field('expectStatus')}
        type="number"
        min={100}
        max={599}
        value={Number.isNaN(gate.expectStatus) ? '' : String(gate.expectStatus)}
        onChange={(e) => onChange({ ...gate, expectStatus: numberOf(e.target.value) })}
      />
      {error('expectStatus')}
      <label htmlFor={`${id}-expectJsonPath`}>
        JSONPath <span className="muted">(optional)</span>
      </label>
      <input
        {...field('expectJsonPath')}
        type="text"
        value={gate.expectJsonPath}
        onChange={(e) => onChange({ ...gate, expectJsonPath: e.target.value })}
        placeholder="$.version"
        autoComplete="off"
        spellCheck={false}
      />
      {error('expectJsonPath')}
      <label htmlFor={`${id}-expectValue`}>
        Expected value <span className="muted">(optional)</span>
      </label>
      <input
        {...field('expectValue')}
        type="text"
        value={gate.expectValue}
        onChange={(e) => onChange({ ...gate, expectValue: e.target.value })}
        placeholder="{{version}}"
        autoComplete="off"
        spellCheck={false}
      />
      {error('expectValue') ?? (
        <p className="help">The JSONPath in the JSON answer must equal this value: give both or neither.</p>
      )}
    </>
  );
}

function ApprovalFields({ id, gate, onChange, field, error }: KindProps<ApprovalGateDraft>) {
  return (
    <>
      <label htmlFor={`${id}-approvals`}>Approvals</label>
      <input
        {...field('approvals')}
        type="number"
        min={1}
        max={MAX_APPROVALS}
        value={Number.isNaN(gate.approvals) ? '' : String(gate.approvals)}
        onChange={(e) => onChange({ ...gate, approvals: numberOf(e.target.value) })}
      />
      {error('approvals')}
      <Row label="Approver role" htmlFor={`${id}-approverRole`}>
        <select
          {...field('approverRole')}
          value={gate.approverRole}
          onChange={(e) => onChange({ ...gate, approverRole: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Row>
      {error('approverRole')}
      <label className="gate-check" htmlFor={`${id}-allowInitiator`}>
        <input
          {...field('allowInitiator')}
          type="checkbox"
          checked={gate.allowInitiator}
          onChange={(e) => onChange({ ...gate, allowInitiator: e.target.checked })}
        />{' '}
        The release&apos;s initiator may approve
      </label>
      {error('allowInitiator')}
    </>
  );
}

function Row({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="gate-row">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
    </div>
  );
}

function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}
