import { graphql } from '../gql';

/** The cheapest read there is: used to check a token before remembering it. */
export const WhoCanReadQuery = graphql(`
  query SignInCheck {
    environments {
      id
    }
  }
`);
