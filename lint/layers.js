// The layering of the code base as a lint rule: which folders may import which
// packages and which other folders. Relative imports are resolved against the
// importing file, so "../shell/plan.js" is judged by where it lands, not by its spelling.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const FACES = ['electron/cli', 'electron/server', 'electron/main', 'electron/preload', 'electron/helper'];
const NODE_BUILTINS = new Set(builtinModules);

/**
 * Each layer: the folder it covers, the packages and folders it must not import, and the one
 * sanctioned edge (with its reason). A file obeys every layer whose folder holds it.
 */
export const LAYERS = [
  {
    files: 'shared',
    why: 'shared/ is plain types and pure functions for every face, the renderer included',
    packages: ['electron', 'node-builtins'],
    folders: ['electron', 'renderer'],
  },
  {
    files: 'electron/core',
    why: 'the core is plain Node that every face uses, the CLI and the host helper included',
    packages: ['electron'],
    folders: [...FACES, 'renderer'],
  },
  {
    files: 'electron/core/access',
    why: 'shell sessions are built on access, not the other way round',
    folders: ['electron/core/shell'],
  },
  ...FACES.map((face) => ({
    files: face,
    why: 'the faces share the core, never each other',
    folders: FACES.filter((f) => f !== face),
    // `nsinspect serve` is the CLI starting the browser face: the one sanctioned edge.
    allow: face === 'electron/cli' ? [{ file: 'electron/cli/commands/serve.ts', folder: 'electron/server' }] : [],
  })),
  {
    files: 'renderer',
    why: 'the renderer runs in a browser: it talks to the rest only through the API contract',
    packages: ['electron', 'node-builtins'],
    folders: ['electron'],
  },
];

const inside = (rel, folder) => rel === folder || rel.startsWith(`${folder}/`);

function packageOf(source) {
  if (source.startsWith('node:')) return 'node-builtins';
  const name = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
  return NODE_BUILTINS.has(name) ? 'node-builtins' : name;
}

function violation(fileRel, source) {
  for (const layer of LAYERS) {
    if (!inside(fileRel, layer.files)) continue;
    if (source.startsWith('.')) {
      const target = path
        .relative(ROOT, path.resolve(ROOT, path.dirname(fileRel), source))
        .split(path.sep)
        .join('/');
      const folder = layer.folders?.find((f) => inside(target, f));
      if (folder && !layer.allow?.some((a) => a.file === fileRel && a.folder === folder)) {
        return `${layer.files} must not import ${folder}: ${layer.why}`;
      }
    } else if (layer.packages?.includes(packageOf(source))) {
      const what = packageOf(source) === 'node-builtins' ? 'Node built-ins' : `"${packageOf(source)}"`;
      return `${layer.files} must not import ${what}: ${layer.why}`;
    }
  }
  return null;
}

const importsRule = {
  meta: { type: 'problem', docs: { description: 'keeps each folder to the imports its layer allows' }, schema: [] },
  create(context) {
    const fileRel = path.relative(ROOT, context.filename).split(path.sep).join('/');
    if (fileRel.startsWith('..')) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = violation(fileRel, source.value);
      if (message) context.report({ node: source, message });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { meta: { name: 'nsinspect-layers' }, rules: { imports: importsRule } };
