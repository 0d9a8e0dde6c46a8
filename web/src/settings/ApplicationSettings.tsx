import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import type { CheckApplicationQuery as CheckData, SettingsApplicationsQuery as Data } from '../gql/graphql';
import { useCaller } from '../releases/useCaller';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { FormDialog } from './FormDialog';
import {
  CheckApplicationQuery,
  CreateApplicationMutation,
  DeleteApplicationMutation,
  SettingsApplicationsQuery,
  UpdateApplicationMutation,
} from './catalogQueries';
import { problemsOf, type Problems } from './fieldProblems';
import { FormFailure, SelectField, TextField } from './FormField';
import { DoneNotice, SettingsHeader, ReadOnlyNote } from './SettingsLayout';
import { ConfirmDelete } from './ConfirmDelete';
import { useFieldProblems } from './useFieldProblems';

type Application = Data['applications'][number];
type Field = 'name' | 'product' | 'environment' | 'repoUrl' | 'branch' | 'path';
type Draft = Record<Field, string>;

const FIELDS: readonly Field[] = ['name', 'product', 'environment', 'repoUrl', 'branch', 'path'];

/** Settings -> Applications: where each product lives in Git in each environment, checked against the repository. */
export function ApplicationSettings() {
  const caller = useCaller();
  const admin = caller?.role === 'ADMIN';
  const [{ data, fetching, error }, refetch] = useQuery({ query: SettingsApplicationsQuery });
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState<Application | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Application | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const applications = data?.applications ?? [];

  function told(text: string) {
    setNotice(text);
    refresh();
  }

  return (
    <div className="page settings-page">
      <SettingsHeader
        title="Applications"
        actions={
          admin && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Create application
            </button>
          )
        }
      >
        An application is a product in one environment: a folder of a branch of a Git repository that a GitOps tool
        deploys. Check one to see what Baton reads there.
      </SettingsHeader>
      <ReadOnlyNote what="applications" />
      <DoneNotice text={notice} />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="applications" />}
      {data && applications.length === 0 && (
        <EmptyState title="No applications yet">
          <p>Give each product an application in each environment: its repository, branch and path.</p>
        </EmptyState>
      )}
      {applications.length > 0 && (
        <table className="settings-table" aria-label="Applications">
          <thead>
            <tr>
              <th>Name</th>
              <th>Product</th>
              <th>Environment</th>
              <th>Repository</th>
              <th>Branch</th>
              <th>Path</th>
              {admin && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id} data-application={a.name}>
                <th scope="row">{a.name}</th>
                <td>{a.product.name}</td>
                <td>{a.environment.name}</td>
                <td>
                  <code>{a.repoUrl}</code>
                </td>
                <td>{a.branch}</td>
                <td>{a.path || <span className="muted">(root)</span>}</td>
                {admin && (
                  <td className="actions">
                    <button type="button" aria-label={`Edit ${a.name}`} onClick={() => setEditing(a)}>
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete ${a.name}`}
                      onClick={() => setDeleting(a)}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && data && (
        <ApplicationForm
          application={editing === 'new' ? null : editing}
          products={data.products.map((p) => p.name)}
          environments={data.environments.map((e) => e.name)}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            told(text);
          }}
        />
      )}
      {deleting && (
        <DeleteApplicationDialog
          application={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(name) => {
            setDeleting(null);
            told(`Deleted application ${name}.`);
          }}
        />
      )}
    </div>
  );
}

function draftOf(application: Application | null, products: string[], environments: string[]): Draft {
  if (application) {
    return {
      name: application.name,
      product: application.product.name,
      environment: application.environment.name,
      repoUrl: application.repoUrl,
      branch: application.branch,
      path: application.path,
    };
  }
  const product = products[0] ?? '';
  const environment = environments[0] ?? '';
  return { name: suggestedName(product, environment), product, environment, repoUrl: '', branch: 'main', path: '' };
}

/** The name a new application is offered: its product's and its environment's, e.g. shop-dev. */
export function suggestedName(product: string, environment: string): string {
  return product && environment ? `${product}-${environment}` : '';
}

function ApplicationForm({
  application,
  products,
  environments,
  onClose,
  onSaved,
}: {
  application: Application | null;
  products: string[];
  environments: string[];
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(application, products, environments));
  const [named, setNamed] = useState(!!application);
  const { problems, failure, edited, send, setProblems } = useFieldProblems<Field>();
  const [check, setCheck] = useState<{
    running: boolean;
    result?: CheckData['checkApplication'];
    error?: CombinedError;
  }>({ running: false });
  const [created, create] = useMutation(CreateApplicationMutation);
  const [updated, update] = useMutation(UpdateApplicationMutation);

  function change(field: Field, value: string) {
    const next = { ...draft, [field]: value };
    if (!named && (field === 'product' || field === 'environment')) {
      next.name = suggestedName(next.product, next.environment);
    }
    if (field === 'name') setNamed(true);
    setDraft(next);
    edited(field);
    if (field === 'repoUrl' || field === 'branch' || field === 'path' || field === 'product')
      setCheck({ running: false });
  }

  async function runCheck() {
    if (!draft.repoUrl.trim()) {
      setProblems({ ...problems, repoUrl: 'Give the repository to check.' });
      return;
    }
    setCheck({ running: true });
    const result = await client
      .query(
        CheckApplicationQuery,
        {
          input: {
            repoUrl: draft.repoUrl.trim(),
            branch: draft.branch.trim() || 'main',
            path: draft.path.trim(),
            product: draft.product || null,
          },
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setCheck({ running: false, result: result.data?.checkApplication, error: result.error });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: Problems<Field> = {};
    if (!draft.name.trim()) found.name = 'Give the application a name, e.g. shop-dev.';
    if (!draft.repoUrl.trim()) found.repoUrl = 'Give the Git repository, e.g. https://git.example.com/shop.git.';
    if (!draft.product) found.product = 'Choose a product; create one under Products first.';
    if (!draft.environment) found.environment = 'Choose an environment; create one under Environments first.';
    const saved = await send(found, save, (error) =>
      problemsOf<Field>(error, (f) => ((FIELDS as readonly string[]).includes(f) ? (f as Field) : undefined)),
    );
    if (saved)
      onSaved(application ? `Saved application ${application.name}.` : `Created application ${draft.name.trim()}.`);
  }

  function save(): Promise<{ data?: unknown; error?: CombinedError }> {
    return application
      ? update({
          input: {
            name: application.name,
            repoUrl: draft.repoUrl.trim(),
            branch: draft.branch.trim(),
            path: draft.path.trim(),
          },
        })
      : create({
          input: {
            name: draft.name.trim(),
            product: draft.product,
            environment: draft.environment,
            repoUrl: draft.repoUrl.trim(),
            branch: draft.branch.trim() || 'main',
            path: draft.path.trim(),
          },
        });
  }

  return (
    <FormDialog
      title={application ? `Edit ${application.name}` : 'Create application'}
      formId="application-form"
      formClassName="settings-form"
      submitLabel={application ? 'Save application' : 'Create application'}
      busy={created.fetching || updated.fetching}
      onSubmit={submit}
      onClose={onClose}
    >
      <SelectField
        id="application-product"
        label="Product"
        problem={problems.product}
        help="The product it is part of."
        value={draft.product}
        choices={products.map((p) => ({ value: p, label: p }))}
        none="No products yet"
        disabled={!!application}
        onChange={(value) => change('product', value)}
      />
      <SelectField
        id="application-environment"
        label="Environment"
        problem={problems.environment}
        help="A product has at most one application per environment."
        value={draft.environment}
        choices={environments.map((env) => ({ value: env, label: env }))}
        none="No environments yet"
        disabled={!!application}
        onChange={(value) => change('environment', value)}
      />
      <TextField
        id="application-name"
        label="Name"
        problem={problems.name}
        help="a-z, 0-9 and '-', e.g. shop-dev."
        value={draft.name}
        disabled={!!application}
        autoComplete="off"
        onChange={(value) => change('name', value)}
      />
      <TextField
        id="application-repo"
        label="Repository"
        problem={problems.repoUrl}
        help="https://, ssh://, git@host:path or file://. Credentials go in BATON_GIT_TOKENS, not here."
        value={draft.repoUrl}
        autoComplete="off"
        onChange={(value) => change('repoUrl', value)}
      />
      <TextField
        id="application-branch"
        label="Branch"
        problem={problems.branch}
        help="The branch Baton reads and commits to."
        value={draft.branch}
        onChange={(value) => change('branch', value)}
      />
      <TextField
        id="application-path"
        label="Path"
        problem={problems.path}
        help="The folder in the repository; empty: its root."
        value={draft.path}
        onChange={(value) => change('path', value)}
      />
      <div>
        <button type="button" onClick={runCheck} disabled={check.running}>
          {check.running ? 'Checking…' : 'Check'}
        </button>
        <CheckResult result={check.result} error={check.error} />
      </div>
      <FormFailure problem={problems.form} failure={failure} title="The application was not saved." />
    </FormDialog>
  );
}

function CheckResult({ result, error }: { result?: CheckData['checkApplication']; error?: CombinedError }) {
  if (error) return <ErrorMessage error={error} title="The check did not run." />;
  if (!result) return null;
  if (result.ok) {
    return (
      <p className="check-result ok" role="status" aria-label="Check result">
        Read the branch at {result.commit?.slice(0, 7)}:{' '}
        {result.version
          ? `version ${result.version} found.`
          : 'the product has no version source, so no version is read.'}
      </p>
    );
  }
  return (
    <p
      className="check-result failed"
      role="status"
      aria-label="Check result"
      data-problem={result.problem ?? undefined}
    >
      {result.error}
    </p>
  );
}

function DeleteApplicationDialog({
  application,
  onClose,
  onDeleted,
}: {
  application: Application;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const [deleted, remove] = useMutation(DeleteApplicationMutation);

  async function confirm() {
    const result = await remove({ name: application.name });
    if (!result.error) onDeleted(application.name);
  }

  return (
    <ConfirmDelete
      title={`Delete ${application.name}?`}
      action="Delete application"
      busy={deleted.fetching}
      onConfirm={confirm}
      onClose={onClose}
      error={deleted.error}
      errorTitle={`${application.name} was not deleted.`}
      refusalIsFinal
    >
      <p>Baton refuses while releases refer to it. The repository itself is not touched.</p>
    </ConfirmDelete>
  );
}
