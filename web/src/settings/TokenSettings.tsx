import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ApiTokensQuery as Data, Role } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { AdminOnly } from './AdminOnly';
import { ConfirmDelete } from './ConfirmDelete';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from './catalogQueries';
import { problemsOf } from './fieldProblems';
import { SelectField, TextField } from './FormField';
import { InlineCreateForm } from './InlineCreateForm';
import { useFieldProblems } from './useFieldProblems';
import { DoneNotice, SettingsHeader } from './SettingsLayout';

type Token = Data['apiTokens'][number];

export const ROLE_CHOICES: { role: Role; label: string }[] = [
  { role: 'VIEWER', label: 'Viewer: reads everything but tokens, the audit log and webhooks' },
  { role: 'PROMOTER', label: 'Promoter: also triggers flows, promotes, approves' },
  { role: 'ADMIN', label: 'Admin: also changes settings' },
];

/** Settings -> API tokens: create one with a role (its secret shown once), revoke one. */
export function TokenSettings() {
  return (
    <AdminOnly title="API tokens" why="a token's list names who may change what.">
      <TokenList />
    </AdminOnly>
  );
}

function TokenList() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ApiTokensQuery });
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="page settings-page">
      <SettingsHeader title="API tokens">
        Each person and each CI pipeline signs in with a token of its own; the audit log and releases name it. Baton
        keeps only a hash: a token's secret is shown once, when it is created.
      </SettingsHeader>
      <DoneNotice text={notice} />
      <NewTokenForm
        onCreated={(name, token) => {
          setSecret({ name, token });
          refresh();
        }}
      />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="API tokens" />}
      {data && (
        <table className="settings-table" aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.apiTokens.map((t) => (
              <tr key={t.id} data-token={t.name}>
                <th scope="row">{t.name}</th>
                <td>{t.role.toLowerCase()}</td>
                <td>
                  <DateTime value={t.createdAt} />
                </td>
                <td>
                  <DateTime value={t.lastUsedAt} />
                </td>
                <td>
                  {t.revokedAt ? (
                    <>
                      Revoked <DateTime value={t.revokedAt} />
                    </>
                  ) : (
                    'Valid'
                  )}
                </td>
                <td className="actions">
                  {!t.revokedAt && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Revoke ${t.name}`}
                      onClick={() => setRevoking(t)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {secret && <SecretDialog name={secret.name} token={secret.token} onClose={() => setSecret(null)} />}
      {revoking && (
        <RevokeDialog
          token={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(name) => {
            setRevoking(null);
            setNotice(`Revoked ${name}: Baton refuses it from now on.`);
            refresh();
          }}
        />
      )}
    </div>
  );
}

type TokenField = 'name' | 'role';

function NewTokenForm({ onCreated }: { onCreated: (name: string, token: string) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const { problems, failure, edited, send } = useFieldProblems<TokenField>();
  const [created, create] = useMutation(CreateApiTokenMutation);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const sent = await send(
      name.trim() ? {} : { name: 'Give the token a name: who or what uses it, e.g. ci-shop.' },
      () => create({ input: { name: name.trim(), role } }),
      (error) => problemsOf<TokenField>(error, (f) => (f === 'name' || f === 'role' ? f : undefined)),
    );
    const data = sent?.data;
    if (!data?.createApiToken) return;
    setName('');
    onCreated(data.createApiToken.apiToken.name, data.createApiToken.token);
  }

  return (
    <InlineCreateForm
      label="New API token"
      submitLabel="Create token"
      busy={created.fetching}
      onSubmit={submit}
      problem={problems.form}
      failure={failure}
      failureTitle="The token was not created."
    >
      <TextField
        id="token-name"
        label="Name"
        problem={problems.name}
        help="Who or what uses it, 1 to 100 characters."
        value={name}
        autoComplete="off"
        onChange={(value) => {
          setName(value);
          edited('name');
        }}
      />
      <SelectField
        id="token-role"
        label="Role"
        problem={problems.role}
        help="What the token may do."
        value={role}
        choices={ROLE_CHOICES.map((r) => ({ value: r.role, label: r.label }))}
        onChange={(value) => setRole(value as Role)}
      />
    </InlineCreateForm>
  );
}

function SecretDialog({ name, token, onClose }: { name: string; token: string; onClose: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the token and copy it by hand.');
    }
  }

  return (
    <Dialog
      title={`Token ${name} created`}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          I have stored it
        </button>
      }
    >
      <p>Store this token now: it is shown this once. Baton keeps only its hash, and cannot show it again.</p>
      <div className="secret-box">
        <code aria-label="New token secret" data-secret>
          {token}
        </code>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      {copied && (
        <p className="muted small" role="status">
          {copied}
        </p>
      )}
    </Dialog>
  );
}

function RevokeDialog({
  token,
  onClose,
  onRevoked,
}: {
  token: Token;
  onClose: () => void;
  onRevoked: (name: string) => void;
}) {
  const [revoked, revoke] = useMutation(RevokeApiTokenMutation);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);

  async function confirm() {
    const result = await revoke({ id: token.id });
    if (result.error) setFailure(result.error);
    else onRevoked(token.name);
  }

  return (
    <ConfirmDelete
      title={`Revoke ${token.name}?`}
      action="Revoke token"
      busy={revoked.fetching}
      onConfirm={confirm}
      onClose={onClose}
      error={failure}
      errorTitle={`${token.name} was not revoked.`}
    >
      <p>Within a few seconds every Baton refuses it; whatever signs in with it must get a new token.</p>
    </ConfirmDelete>
  );
}
