import { graphql } from '../gql';

/** What the freeze banner says about an open window. */
export const FreezeWindowSummaryFragment = graphql(`
  fragment FreezeWindowSummary on FreezeWindow {
    id
    name
    environments
    reason
    closesAt
  }
`);

export const FreezeWindowFieldsFragment = graphql(`
  fragment FreezeWindowFields on FreezeWindow {
    id
    name
    environments
    start
    end
    cron
    duration
    timeZone
    reason
    active
    closesAt
    nextStart
  }
`);

export const FreezeWindowsQuery = graphql(`
  query FreezeWindows {
    freezeWindows {
      ...FreezeWindowFields
    }
    environments {
      id
      name
      position
    }
  }
`);

export const CreateFreezeWindowMutation = graphql(`
  mutation CreateFreezeWindow($input: CreateFreezeWindowInput!) {
    createFreezeWindow(input: $input) {
      ...FreezeWindowFields
    }
  }
`);

export const DeleteFreezeWindowMutation = graphql(`
  mutation DeleteFreezeWindow($name: String!) {
    deleteFreezeWindow(name: $name) {
      id
      name
    }
  }
`);

export const PauseEnvironmentMutation = graphql(`
  mutation PauseEnvironment($name: String!, $reason: String!) {
    pauseEnvironment(name: $name, reason: $reason) {
      id
      paused
      pauseReason
    }
  }
`);

export const ResumeEnvironmentMutation = graphql(`
  mutation ResumeEnvironment($name: String!) {
    resumeEnvironment(name: $name) {
      id
      paused
      pauseReason
    }
  }
`);

export const PinApplicationMutation = graphql(`
  mutation PinApplication($name: String!, $reason: String!) {
    pinApplication(name: $name, reason: $reason) {
      id
      pinned
      pinReason
    }
  }
`);

export const UnpinApplicationMutation = graphql(`
  mutation UnpinApplication($name: String!) {
    unpinApplication(name: $name) {
      id
      pinned
      pinReason
    }
  }
`);

export const ApplicationHistoryQuery = graphql(`
  query ApplicationHistory($name: String!, $first: Int!, $after: String) {
    application(name: $name) {
      id
      name
      repoUrl
      history(first: $first, after: $after) {
        version
        commitSha
        at
        cursor
        release {
          id
          promotionFlowName
          status
        }
      }
    }
  }
`);

/** Environments as line control sees them now: paused, and the window that freezes each. */
export const LineStateQuery = graphql(`
  query LineState {
    environments {
      id
      name
      paused
      pauseReason
      frozenBy {
        ...FreezeWindowSummary
      }
    }
  }
`);

export const RollbackPreviewQuery = graphql(`
  query RollbackPreview($input: RollbackInput!) {
    rollbackPreview(input: $input) {
      version
      currentVersion
      fromCommit
      changes {
        file
        path
        from
        to
      }
      files {
        path
        diff
      }
    }
  }
`);

export const RollbackMutation = graphql(`
  mutation Rollback($input: RollbackInput!) {
    rollback(input: $input) {
      id
      status
      promotionFlowName
    }
  }
`);
