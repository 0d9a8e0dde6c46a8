import { graphql } from '../gql';

/** Settings -> Environments, Products, Applications, API tokens and Audit log: what they read and change. */

export const SettingsEnvironmentsQuery = graphql(`
  query SettingsEnvironments {
    environments {
      id
      name
      kind
      position
      applications {
        id
        name
      }
    }
  }
`);

export const CreateEnvironmentMutation = graphql(`
  mutation CreateEnvironment($input: CreateEnvironmentInput!) {
    createEnvironment(input: $input) {
      id
      name
    }
  }
`);

export const UpdateEnvironmentKindMutation = graphql(`
  mutation UpdateEnvironmentKind($name: String!, $kind: EnvironmentKind!) {
    updateEnvironment(input: { name: $name, kind: $kind }) {
      id
      name
      kind
    }
  }
`);

export const ReorderEnvironmentsMutation = graphql(`
  mutation ReorderEnvironments($names: [String!]!) {
    reorderEnvironments(names: $names) {
      id
      name
      position
    }
  }
`);

export const DeleteEnvironmentMutation = graphql(`
  mutation DeleteEnvironment($name: String!) {
    deleteEnvironment(name: $name) {
      id
      name
    }
  }
`);

export const SettingsProductsQuery = graphql(`
  query SettingsProducts {
    products {
      id
      name
      concurrency
      promotionTemplate {
        versionSource {
          file
          jsonPath
        }
        promotion {
          file
          jsonPaths
        }
      }
      applications {
        id
        name
      }
    }
  }
`);

export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      name
    }
  }
`);

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      id
      name
    }
  }
`);

export const TemplatePreviewQuery = graphql(`
  query TemplatePreview($product: String!, $template: PromotionTemplateInput!) {
    promotionTemplatePreview(product: $product, promotionTemplate: $template) {
      application {
        id
        name
        environment {
          id
          name
        }
      }
      version
      values {
        file
        jsonPath
        value
      }
      error
    }
  }
`);

export const SettingsApplicationsQuery = graphql(`
  query SettingsApplications {
    applications {
      id
      name
      repoUrl
      branch
      path
      product {
        id
        name
      }
      environment {
        id
        name
      }
    }
    products {
      id
      name
    }
    environments {
      id
      name
    }
  }
`);

export const CreateApplicationMutation = graphql(`
  mutation CreateApplication($input: CreateApplicationInput!) {
    createApplication(input: $input) {
      id
      name
    }
  }
`);

export const UpdateApplicationMutation = graphql(`
  mutation UpdateApplication($input: UpdateApplicationInput!) {
    updateApplication(input: $input) {
      id
      name
    }
  }
`);

export const DeleteApplicationMutation = graphql(`
  mutation DeleteApplication($name: String!) {
    deleteApplication(name: $name) {
      id
      name
    }
  }
`);

export const CheckApplicationQuery = graphql(`
  query CheckApplication($input: ApplicationCheckInput!) {
    checkApplication(input: $input) {
      ok
      commit
      version
      problem
      error
    }
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      role
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        role
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      name
      revokedAt
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $actor: String, $operation: String, $since: DateTime, $until: DateTime) {
    auditLog(first: $first, after: $after, actor: $actor, operation: $operation, since: $since, until: $until) {
      nodes {
        id
        at
        actor
        operation
        input
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    auditActors
    auditOperations
  }
`);
