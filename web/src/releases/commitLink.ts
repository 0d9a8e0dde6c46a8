/**
 * A link to a commit when the repository lives on a web host, or null for a local path, a file: URL or anything
 * a browser cannot open.
 */
export function commitUrl(repoUrl: string | null | undefined, sha: string | null | undefined): string | null {
  if (!repoUrl || !sha) return null;
  const web = webBase(repoUrl.trim());
  if (!web) return null;
  const host = web.hostname.toLowerCase();
  const base = `${web.protocol}//${web.host}${web.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
  if (host === 'bitbucket.org') return `${base}/commits/${sha}`;
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return `${base}/-/commit/${sha}`;
  // GitHub, GitHub Enterprise, Gitea and Forgejo all answer /commit/<sha>.
  return `${base}/commit/${sha}`;
}

function webBase(repoUrl: string): URL | null {
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[a-z]{2,}):(?!\/\/)([^\s]+)$/i.exec(repoUrl);
  if (scp) return safeUrl(`https://${scp[1]}/${scp[2]}`);
  const url = safeUrl(repoUrl);
  if (!url) return null;
  if (url.protocol === 'ssh:' || url.protocol === 'git+ssh:') {
    return url.hostname.includes('.') ? safeUrl(`https://${url.hostname}${url.pathname}`) : null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname.includes('.') || url.hostname === 'localhost') return null;
  return url;
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
