// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Client } from '@urql/core';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { fromValue, never } from 'wonka';
import { ApplicationSettings } from './ApplicationSettings';
import { AuditLog } from './AuditLog';
import { EnvironmentSettings } from './EnvironmentSettings';
import { moveBy, moveTo } from './environmentOrder';
import { ProductSettings } from './ProductSettings';
import { SettingsLayout } from './SettingsLayout';
import { TokenSettings } from './TokenSettings';

type Answer = { data?: object; error?: unknown };
type Variables = Record<string, unknown>;
type Sent = { name: string; variables: Variables };

function operationName(query: DocumentNode): string {
  const op = query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return op?.name?.value ?? '';
}

const environments = [
  { __typename: 'Environment', id: '1', name: 'dev', kind: 'NON_PROD', position: 0, applications: [] },
  {
    __typename: 'Environment',
    id: '2',
    name: 'staging',
    kind: 'NON_PROD',
    position: 1,
    applications: [{ __typename: 'Application', id: '7', name: 'shop-staging' }],
  },
  { __typename: 'Environment', id: '3', name: 'prod', kind: 'PROD', position: 2, applications: [] },
];

const shop = {
  __typename: 'Product',
  id: '5',
  name: 'shop',
  concurrency: 'QUEUE',
  promotionTemplate: {
    __typename: 'PromotionTemplate',
    versionSource: { __typename: 'VersionSource', file: 'values.yaml', jsonPath: '$.image.tag' },
    promotion: [{ __typename: 'PromotionEntry', file: 'values.yaml', jsonPaths: ['$.image.tag'] }],
  },
  applications: [{ __typename: 'Application', id: '7', name: 'shop-staging' }],
};

/**
 * Renders a settings page with a client that answers each query and mutation by its name, from `answers`
 * (a function of the variables), and records what was sent.
 */
function renderPage(page: ReactNode, role: 'ADMIN' | 'VIEWER', answers: Record<string, (v: Variables) => Answer> = {}) {
  const sent: Sent[] = [];
  const queries: Record<string, (v: Variables) => Answer> = {
    Caller: () => ({ data: { me: { __typename: 'Caller', name: role === 'ADMIN' ? 'admin' : 'dashboard', role } } }),
    SettingsEnvironments: () => ({ data: { environments } }),
    SettingsProducts: () => ({ data: { products: [shop] } }),
    ...answers,
  };
  function answer(request: { query: DocumentNode; variables: Variables }) {
    const name = operationName(request.query);
    sent.push({ name, variables: request.variables });
    const found = (queries[name] ?? answers[name])?.(request.variables) ?? { data: {} };
    return fromValue({ operation: request, ...found, stale: false, hasNext: false });
  }
  const client = {
    executeQuery: answer,
    executeMutation: answer,
    executeSubscription: () => never,
    query: (query: DocumentNode, variables: Variables) => ({
      toPromise: async () => {
        const name = operationName(query);
        sent.push({ name, variables });
        return queries[name]?.(variables) ?? { data: {} };
      },
    }),
  } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter>{page}</MemoryRouter>
    </Provider>,
  );
  return { mutations: () => sent.filter((s) => /^[A-Z][a-z]+[A-Z]/.test(s.name) && !queries[s.name]), sent };
}

function refusal(message: string, code: string, field?: string): Answer {
  return { error: { graphQLErrors: [{ message, extensions: field ? { code, field } : { code } }] } };
}

/** The texts an input is described by: its help and, when there is one, its problem. */
function problemOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

function named(sent: Sent[], name: string) {
  return sent.filter((s) => s.name === name).map((s) => s.variables);
}

describe('the order of environments', () => {
  it('moves one to where another is, up or down', () => {
    expect(moveTo(['dev', 'staging', 'prod'], 'prod', 'dev')).toEqual(['prod', 'dev', 'staging']);
    expect(moveTo(['dev', 'staging', 'prod'], 'dev', 'prod')).toEqual(['staging', 'prod', 'dev']);
    expect(moveBy(['dev', 'staging', 'prod'], 1, -1)).toEqual(['staging', 'dev', 'prod']);
    expect(moveBy(['dev', 'staging', 'prod'], 2, 1)).toEqual(['dev', 'staging', 'prod']);
  });
});

describe('the settings navigation', () => {
  afterEach(cleanup);

  function tabs() {
    return within(screen.getByRole('navigation', { name: 'Settings' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
  }

  it('offers every page to an administrator, and the catalog and freeze windows alone to anyone else', async () => {
    renderPage(<SettingsLayout />, 'ADMIN');
    await screen.findByRole('link', { name: 'API tokens' });
    expect(tabs()).toEqual([
      'Environments',
      'Products',
      'Applications',
      'API tokens',
      'Audit log',
      'Webhooks',
      'Freeze windows',
    ]);
    cleanup();
    renderPage(<SettingsLayout />, 'VIEWER');
    await screen.findByRole('link', { name: 'Environments' });
    expect(tabs()).toEqual(['Environments', 'Products', 'Applications', 'Freeze windows']);
  });
});

describe('Settings -> Environments', () => {
  afterEach(cleanup);

  it('creates an environment, and shows the server refusal next to the field it names', async () => {
    let answer = refusal('environment name "Dev!" is invalid: use a-z, 0-9 and \'-\'', 'BAD_USER_INPUT', 'name');
    const { sent } = renderPage(<EnvironmentSettings />, 'ADMIN', { CreateEnvironment: () => answer });
    const form = within(await screen.findByRole('form', { name: 'New environment' }));
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'Dev!' } });
    fireEvent.click(form.getByRole('button', { name: 'Create environment' }));
    await waitFor(() => expect(problemOf(form.getByLabelText('Name'))).toMatch(/^environment name "Dev!" is invalid/));
    expect(form.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    answer = { data: { createEnvironment: { __typename: 'Environment', id: '4', name: 'qa' } } };
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'qa' } });
    fireEvent.change(form.getByLabelText('Kind'), { target: { value: 'PROD' } });
    fireEvent.click(form.getByRole('button', { name: 'Create environment' }));
    expect(await screen.findByText('Created environment qa.')).toBeTruthy();
    expect(named(sent, 'CreateEnvironment')).toEqual([
      { input: { name: 'Dev!', kind: 'NON_PROD' } },
      { input: { name: 'qa', kind: 'PROD' } },
    ]);
  });

  it('reorders in one change, and changes an environment kind', async () => {
    const { sent } = renderPage(<EnvironmentSettings />, 'ADMIN', {
      ReorderEnvironments: () => ({ data: { reorderEnvironments: [] } }),
      UpdateEnvironmentKind: () => ({ data: { updateEnvironment: { id: '1', name: 'dev', kind: 'PROD' } } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Move prod up' }));
    expect(await screen.findByText(/now in this order: dev, prod, staging/)).toBeTruthy();
    expect(named(sent, 'ReorderEnvironments')).toEqual([{ names: ['dev', 'prod', 'staging'] }]);
    expect((screen.getByRole('button', { name: 'Move dev up' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Kind of dev'), { target: { value: 'PROD' } });
    await waitFor(() => expect(named(sent, 'UpdateEnvironmentKind')).toEqual([{ name: 'dev', kind: 'PROD' }]));
  });

  it('tells why an environment a flow uses is not deleted', async () => {
    const { sent } = renderPage(<EnvironmentSettings />, 'ADMIN', {
      DeleteEnvironment: () =>
        refusal('environment "staging" is still used by promotion flow "ship"; remove those first', 'CONFLICT'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete staging' }));
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Delete environment' }));
    expect((await dialog.findByRole('alert')).textContent).toMatch(
      /staging was not deleted\..*still used by promotion flow "ship"; remove those first/,
    );
    expect(named(sent, 'DeleteEnvironment')).toEqual([{ name: 'staging' }]);
  });

  it('lets anyone else read the environments, and change nothing', async () => {
    renderPage(<EnvironmentSettings />, 'VIEWER');
    expect((await screen.findByRole('note')).textContent).toMatch(/only administrators change them.*viewer role/);
    expect(screen.getByRole('rowheader', { name: 'staging' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New environment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete staging' })).toBeNull();
  });
});

describe('Settings -> Products', () => {
  afterEach(cleanup);

  it('creates a product with its template, and shows a refusal at the JSONPath it names', async () => {
    let answer = refusal(
      'promotionTemplate.versionSource.jsonPath "image.tag" is not a JSONPath (it must start with $)',
      'BAD_USER_INPUT',
      'promotionTemplate.versionSource.jsonPath',
    );
    const { sent } = renderPage(<ProductSettings />, 'ADMIN', { CreateProduct: () => answer });
    fireEvent.click(await screen.findByRole('button', { name: 'Create product' }));
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Name'), { target: { value: 'cart' } });
    fireEvent.change(dialog.getByLabelText('Concurrency'), { target: { value: 'TERMINATE' } });
    fireEvent.change(dialog.getByLabelText('Version file'), { target: { value: 'values.yaml' } });
    fireEvent.change(dialog.getByLabelText('Version JSONPath'), { target: { value: 'image.tag' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add values to copy' }));
    fireEvent.change(dialog.getByLabelText('JSONPaths 1'), { target: { value: '$.image.tag\n$.replicas' } });
    fireEvent.click(dialog.getAllByRole('button', { name: 'Create product' })[0]);
    await waitFor(() => expect(problemOf(dialog.getByLabelText('Version JSONPath'))).toMatch(/is not a JSONPath/));
    expect(dialog.getByLabelText('Version file').getAttribute('aria-invalid')).toBeNull();
    expect(named(sent, 'CreateProduct')[0]).toEqual({
      input: {
        name: 'cart',
        concurrency: 'TERMINATE',
        promotionTemplate: {
          versionSource: { file: 'values.yaml', jsonPath: 'image.tag' },
          promotion: [{ file: 'values.yaml', jsonPaths: ['$.image.tag', '$.replicas'] }],
        },
      },
    });

    answer = { data: { createProduct: { __typename: 'Product', id: '6', name: 'cart' } } };
    fireEvent.change(dialog.getByLabelText('Version JSONPath'), { target: { value: '$.image.tag' } });
    fireEvent.click(dialog.getAllByRole('button', { name: 'Create product' })[0]);
    expect((await screen.findByRole('status')).textContent).toMatch(/Created product cart/);
  });

  it('previews the template being edited in each application: the version and the values a promotion copies', async () => {
    const { sent } = renderPage(<ProductSettings />, 'ADMIN', {
      TemplatePreview: (v) => ({
        data: {
          promotionTemplatePreview: [
            {
              __typename: 'PromotionTemplatePreview',
              application: {
                __typename: 'Application',
                id: '7',
                name: 'shop-staging',
                environment: { __typename: 'Environment', id: '2', name: 'staging' },
              },
              version:
                (v.template as { versionSource: { jsonPath: string } }).versionSource.jsonPath === '$.image.tag'
                  ? '1.2.0'
                  : null,
              values: [
                { __typename: 'PromotionTemplateValue', file: 'values.yaml', jsonPath: '$.image.tag', value: '1.2.0' },
              ],
              error: null,
            },
          ],
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit shop' }));
    const preview = within(await screen.findByRole('region', { name: 'Template preview' }));
    const row = within((await preview.findByText('shop-staging')).closest('tr')!);
    expect(row.getByText('1.2.0')).toBeTruthy();
    expect(row.getByText(/= 1.2.0/)).toBeTruthy();
    expect(named(sent, 'TemplatePreview')[0]).toEqual({
      product: 'shop',
      template: {
        versionSource: { file: 'values.yaml', jsonPath: '$.image.tag' },
        promotion: [{ file: 'values.yaml', jsonPaths: ['$.image.tag'] }],
      },
    });
  });
});

describe('Settings -> Applications', () => {
  afterEach(cleanup);

  const data = {
    applications: [],
    products: [{ __typename: 'Product', id: '5', name: 'shop' }],
    environments: environments.map((e) => ({ __typename: 'Environment', id: e.id, name: e.name })),
  };

  it('checks the repository, telling the version found or exactly what is missing', async () => {
    let check: Answer = {
      data: {
        checkApplication: {
          ok: false,
          commit: null,
          version: null,
          problem: 'BRANCH',
          error: 'branch "release" does not exist in file:///repos/shop-dev.git',
        },
      },
    };
    const { sent } = renderPage(<ApplicationSettings />, 'ADMIN', {
      SettingsApplications: () => ({ data }),
      CheckApplication: () => check,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Create application' }));
    const dialog = within(screen.getByRole('dialog'));
    expect((dialog.getByLabelText('Name') as HTMLInputElement).value).toBe('shop-dev');
    fireEvent.change(dialog.getByLabelText('Environment'), { target: { value: 'staging' } });
    expect((dialog.getByLabelText('Name') as HTMLInputElement).value).toBe('shop-staging');
    fireEvent.change(dialog.getByLabelText('Repository'), { target: { value: 'file:///repos/shop-dev.git' } });
    fireEvent.change(dialog.getByLabelText('Branch'), { target: { value: 'release' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Check' }));
    expect((await dialog.findByRole('status', { name: 'Check result' })).textContent).toBe(
      'branch "release" does not exist in file:///repos/shop-dev.git',
    );
    check = {
      data: { checkApplication: { ok: true, commit: 'abcdef0123', version: '1.2.0', problem: null, error: null } },
    };
    fireEvent.change(dialog.getByLabelText('Branch'), { target: { value: 'main' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Check' }));
    expect((await dialog.findByRole('status', { name: 'Check result' })).textContent).toBe(
      'Read the branch at abcdef0: version 1.2.0 found.',
    );
    expect(named(sent, 'CheckApplication')[1]).toEqual({
      input: { repoUrl: 'file:///repos/shop-dev.git', branch: 'main', path: '', product: 'shop' },
    });
  });

  it("creates an application, and shows the server's refusal next to the repository", async () => {
    const { sent } = renderPage(<ApplicationSettings />, 'ADMIN', {
      SettingsApplications: () => ({ data }),
      CreateApplication: () =>
        refusal(
          'repoUrl "https://***@git.example.com/shop.git" must not carry credentials',
          'BAD_USER_INPUT',
          'repoUrl',
        ),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Create application' }));
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Repository'), {
      target: { value: 'https://me:pw@git.example.com/shop.git' },
    });
    fireEvent.change(dialog.getByLabelText('Path'), { target: { value: 'apps/shop' } });
    fireEvent.click(dialog.getAllByRole('button', { name: 'Create application' })[0]);
    await waitFor(() => expect(problemOf(dialog.getByLabelText('Repository'))).toMatch(/must not carry credentials/));
    expect(named(sent, 'CreateApplication')).toEqual([
      {
        input: {
          name: 'shop-dev',
          product: 'shop',
          environment: 'dev',
          repoUrl: 'https://me:pw@git.example.com/shop.git',
          branch: 'main',
          path: 'apps/shop',
        },
      },
    ]);
  });
});

describe('Settings -> API tokens', () => {
  afterEach(cleanup);

  const tokens = [
    {
      __typename: 'ApiToken',
      id: '1',
      name: 'admin',
      role: 'ADMIN',
      createdAt: '2026-11-30T10:00:00Z',
      lastUsedAt: null,
      revokedAt: null,
    },
  ];

  it('shows a new token secret once, with a copy button, and revokes a token once confirmed', async () => {
    const copied: string[] = [];
    Object.assign(navigator, { clipboard: { writeText: async (text: string) => void copied.push(text) } });
    const { sent } = renderPage(<TokenSettings />, 'ADMIN', {
      ApiTokens: () => ({ data: { apiTokens: tokens } }),
      CreateApiToken: () => ({
        data: {
          createApiToken: {
            token: 'bt_secret_123',
            apiToken: { __typename: 'ApiToken', id: '2', name: 'ci-shop', role: 'PROMOTER' },
          },
        },
      }),
      RevokeApiToken: () => ({
        data: { revokeApiToken: { id: '1', name: 'admin', revokedAt: '2026-11-30T12:00:00Z' } },
      }),
    });
    const form = within(await screen.findByRole('form', { name: 'New API token' }));
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'ci-shop' } });
    fireEvent.change(form.getByLabelText('Role'), { target: { value: 'PROMOTER' } });
    fireEvent.click(form.getByRole('button', { name: 'Create token' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByLabelText('New token secret').textContent).toBe('bt_secret_123');
    fireEvent.click(dialog.getByRole('button', { name: 'Copy' }));
    expect((await dialog.findByRole('status')).textContent).toBe('Copied.');
    expect(copied).toEqual(['bt_secret_123']);
    fireEvent.click(dialog.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByText('bt_secret_123')).toBeNull();
    expect(named(sent, 'CreateApiToken')).toEqual([{ input: { name: 'ci-shop', role: 'PROMOTER' } }]);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke admin' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke token' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Revoked admin/);
    expect(named(sent, 'RevokeApiToken')).toEqual([{ id: '1' }]);
  });

  it('shows a taken name next to the name field', async () => {
    renderPage(<TokenSettings />, 'ADMIN', {
      ApiTokens: () => ({ data: { apiTokens: tokens } }),
      CreateApiToken: () => refusal('a token named "admin" already exists', 'CONFLICT', 'name'),
    });
    const form = within(await screen.findByRole('form', { name: 'New API token' }));
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'admin' } });
    fireEvent.click(form.getByRole('button', { name: 'Create token' }));
    await waitFor(() =>
      expect(problemOf(form.getByLabelText('Name'))).toMatch(/^a token named "admin" already exists/),
    );
  });

  it('is for administrators only, and asks the server nothing for anyone else', async () => {
    const { sent } = renderPage(<TokenSettings />, 'VIEWER');
    expect((await screen.findByRole('note')).textContent).toMatch(/API tokens are for administrators only/);
    expect(named(sent, 'ApiTokens')).toEqual([]);
  });
});

describe('Settings -> Audit log', () => {
  afterEach(cleanup);

  it('lists who changed what and when, filtered by person and kind, a page at a time', async () => {
    const entry = (id: string, operation: string) => ({
      __typename: 'AuditEntry',
      id,
      at: '2026-11-30T12:00:00Z',
      actor: 'admin',
      operation,
      input: '{"input":{"name":"dev"}}',
    });
    const { sent } = renderPage(<AuditLog />, 'ADMIN', {
      AuditLog: (v) => ({
        data: {
          auditLog: {
            nodes: v.after
              ? [entry('1', 'createEnvironment')]
              : [entry('3', 'createProduct'), entry('2', 'createEnvironment')],
            pageInfo: { hasNextPage: !v.after, endCursor: v.after ? null : 'c2' },
          },
          auditActors: ['admin', 'ci'],
          auditOperations: ['createEnvironment', 'createProduct'],
        },
      }),
    });
    const table = within(await screen.findByRole('table', { name: 'Audit log' }));
    expect(table.getByText('createProduct')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(screen.getByText('Page 2')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Person'), { target: { value: 'ci' } });
    fireEvent.change(screen.getByLabelText('Kind of change'), { target: { value: 'createProduct' } });
    await waitFor(() => expect(screen.getByText('Page 1')).toBeTruthy());
    const asked = named(sent, 'AuditLog');
    expect(asked[0]).toMatchObject({ first: 25, after: null, actor: null, operation: null });
    expect(asked).toContainEqual(expect.objectContaining({ after: 'c2', actor: null }));
    expect(asked[asked.length - 1]).toMatchObject({ after: null, actor: 'ci', operation: 'createProduct' });
  });
});
