import { graphql } from '../gql';

export const ProductAutomationFragment = graphql(`
  fragment ProductAutomation on Product {
    autoTriggerPaused
    autoTriggerPauseReason
    promotionFlows {
      flow {
        id
        name
      }
      gitTriggerSelectors {
        key
        operator
        values
      }
    }
  }
`);

export const DashboardQuery = graphql(`
  query Dashboard {
    environments {
      id
      name
      kind
      position
      paused
      pauseReason
      frozenBy {
        ...FreezeWindowSummary
      }
    }
    products {
      id
      name
      ...ProductAutomation
      applications {
        id
        name
        version
        repoUrl
        pinned
        pinReason
        environment {
          id
          name
        }
      }
      releases(first: 20) {
        nodes {
          id
          createdAt
          status
          promotionFlowName
          steps {
            environment {
              id
              name
            }
            status
            version
          }
        }
      }
    }
  }
`);

export const PromotionPreviewQuery = graphql(`
  query PromotionPreview($product: String!, $source: String!, $target: String!) {
    promotionPreview(product: $product, sourceEnvironment: $source, targetEnvironment: $target) {
      version
      files {
        path
        diff
      }
    }
  }
`);

export const PromoteMutation = graphql(`
  mutation Promote($input: PromoteInput!) {
    promote(input: $input) {
      id
      status
      promotionFlowName
    }
  }
`);

export const PauseAutoTriggerMutation = graphql(`
  mutation PauseAutoTrigger($product: String!, $reason: String) {
    pauseAutoTrigger(product: $product, reason: $reason) {
      id
      ...ProductAutomation
    }
  }
`);

export const ResumeAutoTriggerMutation = graphql(`
  mutation ResumeAutoTrigger($product: String!) {
    resumeAutoTrigger(product: $product) {
      id
      ...ProductAutomation
    }
  }
`);
