import { graphql } from '../gql';

export const PromotionFlowsQuery = graphql(`
  query PromotionFlows {
    promotionFlows {
      id
      name
      description
      version
      timeout
      triggerEnvironment {
        id
        name
      }
      steps {
        environment {
          id
          name
        }
        dependsOn {
          id
          name
        }
        action
      }
    }
  }
`);

export const FlowBuilderQuery = graphql(`
  query FlowBuilder($name: String!, $existing: Boolean!) {
    environments {
      id
      name
      kind
      position
    }
    promotionFlows {
      id
      name
    }
    promotionFlow(name: $name) @include(if: $existing) {
      id
      name
      description
      version
      timeout
      yaml
      triggerEnvironment {
        id
        name
      }
      steps {
        environment {
          id
          name
        }
        dependsOn {
          id
          name
        }
        action
        gates {
          ...FlowGate
        }
      }
    }
  }
`);

/** A gate with every field of every kind, as the Flow Builder edits it (flowGates.ts). */
export const FlowGateFragment = graphql(`
  fragment FlowGate on Gate {
    kind
    when
    timeout
    interval
    method
    url
    headers {
      name
      value
    }
    expectStatus
    expectJsonPath
    expectValue
    approvals
    approverRole
    allowInitiator
    duration
  }
`);

export const ApplyPromotionFlowYamlMutation = graphql(`
  mutation ApplyPromotionFlowYaml($yaml: String!) {
    applyPromotionFlowYaml(yaml: $yaml) {
      id
      name
      yaml
      warnings {
        path
        message
      }
    }
  }
`);

export const TriggerProductsQuery = graphql(`
  query TriggerProducts {
    products {
      id
      name
      applications {
        id
        name
        version
        environment {
          id
          name
        }
      }
    }
  }
`);

export const TriggerPromotionFlowMutation = graphql(`
  mutation TriggerPromotionFlow($input: TriggerPromotionFlowInput!) {
    triggerPromotionFlow(input: $input) {
      id
      status
      promotionFlowName
      product {
        id
        name
      }
    }
  }
`);
