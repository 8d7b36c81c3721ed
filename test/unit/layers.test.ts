import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only as good as the config that wires them in: these lint snippets
// through the project's own eslint.config.js, placed at real paths of each layer. Type
// information is switched off: the layering needs none, and building it takes seconds.
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: `${root}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['electron/core/compare.ts', "import { app } from 'electron';\nvoid app;", /electron\/core must not import "electron"/],
    ['electron/core/access/direct.ts', "import type { IpcMain } from 'electron';\nexport type X = IpcMain;", /must not import "electron"/],
    ['shared/model/problem.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;", /shared must not import Node built-ins/],
    ['shared/api/validate.ts', "import path from 'path';\nvoid path;", /shared must not import Node built-ins/],
    ['shared/model/problem.ts', "export { NsInspectError } from '../../electron/core/errors.js';", /shared must not import electron/],
    [
      'electron/core/access/direct.ts',
      "import { SHELL_PATH } from '../shell/plan.js';\nvoid SHELL_PATH;",
      /electron\/core\/access must not import electron\/core\/shell/,
    ],
    [
      'electron/core/access/host-helper/client.ts',
      "import { SHELL_PATH } from '../../shell/plan.js';\nvoid SHELL_PATH;",
      /must not import electron\/core\/shell/,
    ],
    [
      'electron/core/access/docker-helper.ts',
      "import { shellEnv } from '../shell/plan.js';\nvoid shellEnv;",
      /must not import electron\/core\/shell/,
    ],
    [
      'electron/cli/main.ts',
      "import { startServer } from '../server/server.js';\nvoid startServer;",
      /electron\/cli must not import electron\/server/,
    ],
    ['electron/server/server.ts', "const m = await import('../cli/main.js');\nvoid m;", /electron\/server must not import electron\/cli/],
    [
      'electron/helper/main.ts',
      "import { registerIpc } from '../main/ipc.js';\nvoid registerIpc;",
      /electron\/helper must not import electron\/main/,
    ],
    [
      'electron/core/service.ts',
      "import { startServer } from '../server/server.js';\nvoid startServer;",
      /electron\/core must not import electron\/server/,
    ],
    ['renderer/src/App.tsx', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;", /renderer must not import "electron"/],
  ])('refuses in %s: %s', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['electron/main/index.ts', "import { app } from 'electron';\nvoid app;"],
    [
      'electron/core/compare.ts',
      "import { readFileSync } from 'node:fs';\nimport { NS_TYPES } from '../../shared/model/index.js';\nvoid readFileSync; void NS_TYPES;",
    ],
    ['electron/core/shell/manager.ts', "import { DirectAccess } from '../access/direct.js';\nvoid DirectAccess;"],
    ['electron/cli/commands/serve.ts', "import { startServer } from '../../server/server.js';\nvoid startServer;"],
    ['shared/api/validate.ts', "import { z } from 'zod';\nvoid z;"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
