import { commitUrl } from './commitLink';

describe('commit links', () => {
  it.each([
    ['https://github.com/acme/gitops.git', 'https://github.com/acme/gitops/commit/abc123'],
    ['https://github.com/acme/gitops', 'https://github.com/acme/gitops/commit/abc123'],
    ['git@github.com:acme/gitops.git', 'https://github.com/acme/gitops/commit/abc123'],
    ['ssh://git@github.com/acme/gitops.git', 'https://github.com/acme/gitops/commit/abc123'],
    ['https://gitlab.com/acme/group/gitops.git', 'https://gitlab.com/acme/group/gitops/-/commit/abc123'],
    ['https://bitbucket.org/acme/gitops.git', 'https://bitbucket.org/acme/gitops/commits/abc123'],
    ['https://git.example.com/acme/gitops', 'https://git.example.com/acme/gitops/commit/abc123'],
  ])('links %s', (repo, expected) => {
    expect(commitUrl(repo, 'abc123')).toBe(expected);
  });

  it.each([
    ['/var/lib/baton/demo/gitops.git'],
    ['file:///tmp/baton-data/demo/repo.git'],
    ['http://localhost:3000/acme/gitops'],
    ['not a url'],
  ])('does not link %s', (repo) => {
    expect(commitUrl(repo, 'abc123')).toBeNull();
  });

  it('needs both a repository and a commit', () => {
    expect(commitUrl(null, 'abc')).toBeNull();
    expect(commitUrl('https://github.com/a/b', null)).toBeNull();
  });
});
