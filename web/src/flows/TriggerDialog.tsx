import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReleaseStartedButtons } from '../releases/ReleaseStartedButtons';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { TriggerProductsQuery, TriggerPromotionFlowMutation } from './queries';

type Stage = 'product' | 'application';

/** Trigger -> choose the product -> Next -> the source application (preselected) -> Trigger -> View Release Details. */
export function TriggerDialog({
  flow,
  triggerEnvironment,
  onClose,
}: {
  flow: string;
  triggerEnvironment: string;
  onClose: () => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: TriggerProductsQuery, requestPolicy: 'network-only' });
  const [stage, setStage] = useState<Stage>('product');
  const [product, setProduct] = useState('');
  const [application, setApplication] = useState('');
  const [trigger, run] = useMutation(TriggerPromotionFlowMutation);
  const release = trigger.data?.triggerPromotionFlow;

  const products = data ? [...data.products].sort((a, b) => a.name.localeCompare(b.name)) : [];
  const chosen = products.find((p) => p.name === product);
  const applications = chosen?.applications ?? [];

  function next() {
    const preselected = applications.find((a) => a.environment.name === triggerEnvironment);
    setApplication(preselected?.name ?? applications[0]?.name ?? '');
    setStage('application');
  }

  async function start() {
    await run({ input: { flow, product, sourceApplication: application || null } });
  }

  let footer;
  if (release) {
    footer = <ReleaseStartedButtons releaseId={release.id} onClose={onClose} />;
  } else if (stage === 'product') {
    footer = (
      <>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={next} disabled={!product}>
          Next
        </button>
      </>
    );
  } else {
    footer = (
      <>
        <button type="button" onClick={() => setStage('product')}>
          Back
        </button>
        <button type="button" className="primary" onClick={start} disabled={!application || trigger.fetching}>
          {trigger.fetching ? 'Triggering…' : 'Trigger'}
        </button>
      </>
    );
  }

  return (
    <Dialog title={`Trigger ${flow}`} onClose={onClose} footer={footer}>
      {fetching && !data && <Loading what="products" />}
      <ErrorMessage error={error} />
      {release ? (
        <p role="status">
          Release started for <strong>{release.product.name}</strong> along <strong>{release.promotionFlowName}</strong>
          . Follow it environment by environment in the release details.
        </p>
      ) : stage === 'product' ? (
        data &&
        (products.length === 0 ? (
          <p className="muted">
            There are no products to promote yet. An administrator creates products and their applications first.
          </p>
        ) : (
          <fieldset className="choices">
            <legend>Select the product to promote</legend>
            {products.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="radio"
                  name="product"
                  value={p.name}
                  checked={product === p.name}
                  onChange={() => setProduct(p.name)}
                />
                {p.name}
              </label>
            ))}
          </fieldset>
        ))
      ) : (
        <>
          <label htmlFor="source-application">Select the application with the changes to promote</label>
          <select id="source-application" value={application} onChange={(e) => setApplication(e.target.value)}>
            {applications.map((a) => (
              <option key={a.id} value={a.name}>
                {a.name} ({a.environment.name}
                {a.version ? `, version ${a.version}` : ''})
              </option>
            ))}
          </select>
          {!applications.some((a) => a.environment.name === triggerEnvironment) && (
            <p className="muted">
              {product} has no application in {triggerEnvironment}, the flow's trigger environment.
            </p>
          )}
        </>
      )}
      <ErrorMessage error={trigger.error} title="The flow was not triggered." />
    </Dialog>
  );
}
