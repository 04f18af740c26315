/**
 * Files matching a glob (`dist/**\/*.html`), without a dependency: Node 20's
 * fs has no glob (`fs.promises.glob` is Node 22). Supports `**` (any folders),
 * `*` and `?` within a name, and `{a,b}`; a path without those is taken as is.
 * Symbolic links to folders are not followed (no cycles); `node_modules` and
 * dot-folders are skipped unless the pattern names them.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

const MAGIC = /[*?{]/;

export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const posix = pattern.split(sep).join('/');
  if (!MAGIC.test(posix)) {
    const file = resolve(cwd, posix);
    return (await stat(file).catch(() => undefined))?.isFile() ? [file] : [];
  }
  const segments = posix.split('/');
  const firstMagic = segments.findIndex((s) => MAGIC.test(s));
  const root = resolve(cwd, segments.slice(0, firstMagic).join('/') || '.');
  const matcher = globToRegExp(segments.slice(firstMagic).join('/'));
  const skipped = (name: string) => (name === 'node_modules' || name.startsWith('.')) && !posix.includes(name);
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipped(entry.name)) await walk(path);
      } else if (entry.isFile() && matcher.test(relative(root, path).split(sep).join('/'))) found.push(path);
    }
  };
  await walk(root);
  return found;
}

/** A glob as a regular expression over a relative, `/`-separated path. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` anything below.
      if (glob[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
