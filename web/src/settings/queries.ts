import { graphql } from '../gql';

/** Who the signed-in token is: Settings is offered to administrators only. */
export const SettingsCallerQuery = graphql(`
  query SettingsCaller {
    me {
      name
      role
    }
  }
`);

export const WebhookDeliveryFieldsFragment = graphql(`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    event
    releaseId
    environment
    status
    attempts
    createdAt
    nextAttemptAt
    lastAttemptAt
    responseStatus
    responseExcerpt
    error
    redeliveryOf
  }
`);

export const WebhooksQuery = graphql(`
  query Webhooks($deliveries: Int!) {
    webhooks {
      id
      name
      url
      format
      events
      createdAt
      product {
        id
        name
      }
      deliveries(first: $deliveries) {
        nodes {
          ...WebhookDeliveryFields
        }
      }
    }
  }
`);

export const WebhookProductsQuery = graphql(`
  query WebhookProducts {
    products {
      id
      name
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      id
      name
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($name: String!) {
    deleteWebhook(name: $name) {
      id
      name
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      ...WebhookDeliveryFields
    }
  }
`);

export const TestWebhookMutation = graphql(`
  mutation TestWebhook($name: String!) {
    testWebhook(name: $name) {
      ...WebhookDeliveryFields
    }
  }
`);
