import { graphql } from '../gql';

export const ReleaseFieldsFragment = graphql(`
  fragment ReleaseFields on Release {
    id
    status
    message
    version
    sourceCommit
    promotionFlowName
    triggeredBy
    createdAt
    startedAt
    finishedAt
    product {
      id
      name
    }
    promotionFlow {
      id
      name
    }
    sourceApplication {
      id
      name
      repoUrl
    }
    steps {
      environment {
        id
        name
        kind
        position
      }
      application {
        id
        name
        repoUrl
        branch
        path
      }
      dependsOn {
        id
        name
      }
      action
      status
      message
      commitSha
      version
      attempt
      startedAt
      finishedAt
      gates {
        kind
        when
        status
        message
      }
      approvals {
        by
        approved
        comment
        at
      }
      pullRequest {
        number
        url
        state
      }
    }
  }
`);

export const ReleaseQuery = graphql(`
  query Release($id: ID!) {
    release(id: $id) {
      ...ReleaseFields
    }
  }
`);

export const ReleaseEventsSubscription = graphql(`
  subscription ReleaseEvents($product: String, $releaseId: ID, $after: String) {
    releaseEvents(product: $product, releaseId: $releaseId, after: $after) {
      cursor
      at
      environment {
        id
        name
      }
      status
      previousStatus
      message
      release {
        ...ReleaseFields
      }
    }
  }
`);

/** Lighter stream for lists and the dashboard: they only need to know that something moved. */
export const ReleaseActivitySubscription = graphql(`
  subscription ReleaseActivity($product: String, $after: String) {
    releaseEvents(product: $product, after: $after) {
      cursor
      status
      environment {
        id
        name
      }
      release {
        id
      }
    }
  }
`);

export const ReleasesQuery = graphql(`
  query Releases($product: String, $promotionFlow: String, $status: ReleaseStatus, $first: Int, $after: String) {
    releases(product: $product, promotionFlow: $promotionFlow, status: $status, first: $first, after: $after) {
      nodes {
        id
        createdAt
        triggeredBy
        promotionFlowName
        version
        status
        product {
          id
          name
        }
        steps {
          environment {
            id
            name
            position
          }
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ReleaseFiltersQuery = graphql(`
  query ReleaseFilters {
    products {
      id
      name
    }
    promotionFlows {
      id
      name
    }
  }
`);

export const TerminateReleaseMutation = graphql(`
  mutation TerminateRelease($id: ID!) {
    terminateRelease(id: $id) {
      ...ReleaseFields
    }
  }
`);

export const RetryReleaseMutation = graphql(`
  mutation RetryRelease($id: ID!) {
    retryRelease(id: $id) {
      ...ReleaseFields
    }
  }
`);

export const ApproveStepMutation = graphql(`
  mutation ApproveStep($input: StepAnswerInput!) {
    approveStep(input: $input) {
      ...ReleaseFields
    }
  }
`);

export const RejectStepMutation = graphql(`
  mutation RejectStep($input: StepAnswerInput!) {
    rejectStep(input: $input) {
      ...ReleaseFields
    }
  }
`);

export const OverrideFreezeMutation = graphql(`
  mutation OverrideFreeze($input: OverrideFreezeInput!) {
    overrideFreeze(input: $input) {
      ...ReleaseFields
    }
  }
`);

/** Who the signed-in token is: its name and role, to offer only what it may do. */
export const CallerQuery = graphql(`
  query Caller {
    me {
      name
      role
    }
  }
`);
