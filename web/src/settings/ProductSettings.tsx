import type { CombinedError } from '@urql/core';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SettingsProductsQuery as Data } from '../gql/graphql';
import { useCaller } from '../releases/useCaller';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { FormDialog } from './FormDialog';
import {
  CreateProductMutation,
  SettingsProductsQuery,
  TemplatePreviewQuery,
  UpdateProductMutation,
} from './catalogQueries';
import { problemsOf } from './fieldProblems';
import { describedBy, FormField, FormFailure, SelectField, TextField } from './FormField';
import {
  checkProductDraft,
  CONCURRENCY_CHOICES,
  draftOf,
  emptyProductDraft,
  productFieldOf,
  templateOf,
  type ProductDraft,
} from './productModel';
import { DoneNotice, SettingsHeader, ReadOnlyNote } from './SettingsLayout';
import { useFieldProblems } from './useFieldProblems';

type Product = Data['products'][number];

/** How long typing in the template pauses before the preview reads it again. */
export const PREVIEW_DELAY_MS = 400;

/** Settings -> Products: create one, change its concurrency and promotion template, with a live preview. */
export function ProductSettings() {
  const caller = useCaller();
  const admin = caller?.role === 'ADMIN';
  const [{ data, fetching, error }, refetch] = useQuery({ query: SettingsProductsQuery });
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const products = data?.products ?? [];

  return (
    <div className="page settings-page">
      <SettingsHeader
        title="Products"
        actions={
          admin && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Create product
            </button>
          )
        }
      >
        A product is one deployable thing with one application per environment. Its promotion template says where its
        version is read and which values a promotion copies.
      </SettingsHeader>
      <ReadOnlyNote what="products" />
      <DoneNotice text={notice} />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="products" />}
      {data && products.length === 0 && (
        <EmptyState title="No products yet">
          <p>Create a product, then give it an application in each environment under Applications.</p>
        </EmptyState>
      )}
      {products.length > 0 && (
        <table className="settings-table" aria-label="Products">
          <thead>
            <tr>
              <th>Name</th>
              <th>Concurrency</th>
              <th>Version source</th>
              <th>Promotion copies</th>
              <th>Applications</th>
              {admin && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.id} data-product={p.name}>
                <th scope="row">{p.name}</th>
                <td>{p.concurrency === 'QUEUE' ? 'Queue' : 'Terminate'}</td>
                <td>
                  {p.promotionTemplate?.versionSource ? (
                    <code>
                      {p.promotionTemplate.versionSource.file} {p.promotionTemplate.versionSource.jsonPath}
                    </code>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <td>
                  {p.promotionTemplate?.promotion.length ? (
                    p.promotionTemplate.promotion.map((e) => (
                      <div key={e.file}>
                        <code>
                          {e.file}: {e.jsonPaths.join(', ')}
                        </code>
                      </div>
                    ))
                  ) : (
                    <span className="muted">every file under the path</span>
                  )}
                </td>
                <td>{p.applications.map((a) => a.name).join(', ') || <span className="muted">none</span>}</td>
                {admin && (
                  <td className="actions">
                    <button type="button" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <ProductForm
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
            refresh();
          }}
        />
      )}
    </div>
  );
}

function ProductForm({
  product,
  onClose,
  onSaved,
}: {
  product: Product | null;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? draftOf(product) : emptyProductDraft()));
  const { problems, failure, edited, send } = useFieldProblems<string>();
  const [created, create] = useMutation(CreateProductMutation);
  const [updated, update] = useMutation(UpdateProductMutation);

  function change(next: ProductDraft, field: string) {
    setDraft(next);
    edited(field);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const saved = await send(checkProductDraft(draft), save, (error) => problemsOf<string>(error, productFieldOf));
    if (saved) {
      onSaved(
        product ? `Saved product ${product.name}.` : `Created product ${draft.name.trim()}. Now give it applications.`,
      );
    }
  }

  function save(): Promise<{ data?: unknown; error?: CombinedError }> {
    const template = templateOf(draft);
    return product
      ? update({ input: { name: product.name, concurrency: draft.concurrency, promotionTemplate: template } })
      : create({
          input: { name: draft.name.trim(), concurrency: draft.concurrency, promotionTemplate: template },
        });
  }

  const entries = draft.entries;
  return (
    <FormDialog
      title={product ? `Edit ${product.name}` : 'Create product'}
      formId="product-form"
      formClassName="settings-form"
      submitLabel={product ? 'Save product' : 'Create product'}
      busy={created.fetching || updated.fetching}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="product-name"
        label="Name"
        problem={problems.name}
        help="a-z, 0-9 and '-', e.g. shop."
        value={draft.name}
        disabled={!!product}
        autoComplete="off"
        onChange={(value) => change({ ...draft, name: value }, 'name')}
      />
      <SelectField
        id="product-concurrency"
        label="Concurrency"
        problem={problems.concurrency}
        help="What a new release does while another of this product is in progress."
        value={draft.concurrency}
        choices={CONCURRENCY_CHOICES}
        onChange={(value) => change({ ...draft, concurrency: value as ProductDraft['concurrency'] }, 'concurrency')}
      />
      <fieldset>
        <legend>Version source</legend>
        <div className="template-entry">
          <TextField
            id="product-version-file"
            label="Version file"
            problem={problems.versionFile}
            help="Relative to the application's path, e.g. values.yaml."
            value={draft.versionFile}
            onChange={(value) => change({ ...draft, versionFile: value }, 'versionFile')}
          />
          <TextField
            id="product-version-path"
            label="Version JSONPath"
            problem={problems.versionJsonPath}
            help="Where the version is in that file, e.g. $.image.tag."
            value={draft.versionJsonPath}
            onChange={(value) => change({ ...draft, versionJsonPath: value }, 'versionJsonPath')}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Values a promotion copies</legend>
        {entries.length === 0 && (
          <p className="muted small">None: a promotion mirrors every file under the source application's path.</p>
        )}
        {entries.map((entry, i) => (
          <div className="template-entry" key={i}>
            <FormField
              id={`product-entry-${i}-file`}
              label={`Files ${i + 1}`}
              problem={problems[`entry.${i}.file`]}
              help="A glob, e.g. values.yaml or **/*.yaml."
            >
              <input
                {...describedBy(`product-entry-${i}-file`, problems[`entry.${i}.file`])}
                value={entry.file}
                onChange={(e) =>
                  change(
                    { ...draft, entries: entries.map((x, j) => (j === i ? { ...x, file: e.target.value } : x)) },
                    `entry.${i}.file`,
                  )
                }
              />
            </FormField>
            <FormField
              id={`product-entry-${i}-paths`}
              label={`JSONPaths ${i + 1}`}
              problem={problems[`entry.${i}.jsonPaths`]}
              help="One a line, e.g. $.image.tag."
            >
              <textarea
                {...describedBy(`product-entry-${i}-paths`, problems[`entry.${i}.jsonPaths`])}
                rows={2}
                value={entry.jsonPaths}
                onChange={(e) =>
                  change(
                    { ...draft, entries: entries.map((x, j) => (j === i ? { ...x, jsonPaths: e.target.value } : x)) },
                    `entry.${i}.jsonPaths`,
                  )
                }
              />
            </FormField>
            <button
              type="button"
              aria-label={`Remove values ${i + 1}`}
              onClick={() => change({ ...draft, entries: entries.filter((_, j) => j !== i) }, `entry.${i}.file`)}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => change({ ...draft, entries: [...entries, { file: 'values.yaml', jsonPaths: '' }] }, 'form')}
        >
          Add values to copy
        </button>
      </fieldset>
      {product ? (
        <TemplatePreview product={product.name} draft={draft} />
      ) : (
        <p className="muted small">Once the product has applications, editing it previews the template in each.</p>
      )}
      <FormFailure problem={problems.form} failure={failure} title="The product was not saved." />
    </FormDialog>
  );
}

/** The template as typed, read in each of the product's applications: the version found and each value copied. */
function TemplatePreview({ product, draft }: { product: string; draft: ProductDraft }) {
  const template = templateOf(draft) ?? { versionSource: null, promotion: [] };
  const key = JSON.stringify(template);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const [{ data, fetching, error }] = useQuery({
    query: TemplatePreviewQuery,
    variables: { product, template: JSON.parse(settled) },
    requestPolicy: 'network-only',
  });
  const previews = data?.promotionTemplatePreview ?? [];
  return (
    <section className="template-preview" aria-label="Template preview" aria-busy={fetching || settled !== key}>
      <h3>Preview</h3>
      <ErrorMessage error={error} title="The template cannot be previewed." />
      {data && previews.length === 0 && <p className="muted small">The product has no applications yet.</p>}
      {previews.length > 0 && (
        <table className="settings-table">
          <thead>
            <tr>
              <th>Application</th>
              <th>Environment</th>
              <th>Version</th>
              <th>Values a promotion would copy</th>
            </tr>
          </thead>
          <tbody>
            {previews.map((p) => (
              <tr key={p.application.id} data-preview={p.application.environment.name}>
                <th scope="row">{p.application.name}</th>
                <td>{p.application.environment.name}</td>
                <td>
                  {p.error ? (
                    <span className="error">{p.error}</span>
                  ) : (
                    (p.version ?? <span className="muted">none</span>)
                  )}
                </td>
                <td>
                  {p.values.map((v) => (
                    <div key={`${v.file} ${v.jsonPath}`}>
                      <code>
                        {v.file} {v.jsonPath}
                      </code>{' '}
                      = {v.value ?? <span className="muted">nothing there</span>}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
