import type { GitTriggerSelectorKey, GitTriggerSelectorOperator, ProductAutomationFragment } from '../gql/graphql';

export interface Selector {
  key: GitTriggerSelectorKey;
  operator: GitTriggerSelectorOperator;
  values: readonly string[];
}

/** A flow the product runs by itself, with the conditions a new commit must all meet to trigger it. */
export interface AutomaticFlow {
  flow: string;
  selectors: Selector[];
}

/** Whether a product's automatic triggers are paused, and the flows they start, in the product's order. */
export interface Automation {
  paused: boolean;
  pauseReason: string | null;
  flows: AutomaticFlow[];
}

export function automationOf(product: ProductAutomationFragment): Automation {
  return {
    paused: product.autoTriggerPaused,
    pauseReason: product.autoTriggerPauseReason ?? null,
    flows: product.promotionFlows.map((f) => ({ flow: f.flow.name, selectors: f.gitTriggerSelectors })),
  };
}

const KEYS: Record<GitTriggerSelectorKey, string> = {
  COMMIT_MESSAGE: 'commit message',
  GIT_REVISION: 'revision',
};

const OPERATORS: Record<GitTriggerSelectorOperator, string> = {
  IN: 'in',
  NOT_IN: 'not in',
};

/** "commit message in hotfix*, release-*", "revision not in abc123*". */
export function describeSelector(selector: Selector): string {
  return `${KEYS[selector.key]} ${OPERATORS[selector.operator]} ${selector.values.join(', ')}`;
}
