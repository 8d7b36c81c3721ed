// electron-builder afterPack hook: runs on the unpacked app (dist/linux-unpacked) before it is
// turned into AppImage/deb/rpm. CommonJS because electron-builder require()s hooks and the
// project itself is "type": "module".
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
const { Arch } = require('builder-util');

const FUSES = {
  version: FuseVersion.V1,
  // Must stay on: the privileged host helper is this same binary run with
  // ELECTRON_RUN_AS_NODE=1 (see build/linux/nsinspect-host-helper and docs/install.md).
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // A root Node must not be steerable through NODE_OPTIONS or --inspect.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Enforced only on macOS/Windows today; set so Linux gets it whenever Electron adds it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from the app:// scheme (electron/main/index.ts), never from file://,
  // so file:// pages need none of the extra privileges (reading any file, fetching file://).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

// electron-builder's arch names to the process.arch names node-pty's prebuild packages use.
function nodeArch(arch) {
  const name = Arch[arch];
  return name === 'armv7l' ? 'arm' : name;
}

// Only the target's prebuild is of use; a package missing it would fail on the first shell,
// so refuse to build one (e.g. arm64 packaged on an x64 machine without the arm64 prebuild).
function prunePtyPrebuilds(resourcesDir, arch) {
  const scope = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules', '@lydell');
  const wanted = `node-pty-linux-${nodeArch(arch)}`;
  const present = fs.existsSync(scope) ? fs.readdirSync(scope) : [];
  for (const name of present) {
    if (name.startsWith('node-pty-') && name !== wanted) {
      fs.rmSync(path.join(scope, name), { recursive: true, force: true });
    }
  }
  if (!fs.existsSync(path.join(scope, wanted, 'pty.node'))) {
    throw new Error(
      `after-pack: ${wanted}/pty.node is not in app.asar.unpacked. Install @lydell/${wanted} ` +
        '(build arm64 on an arm64 machine) and check asarUnpack in electron-builder.yml.',
    );
  }
}

// after-install copies this file to /usr/lib/nsinspect; a package without it has no host helper.
function requireHostHelper(resourcesDir) {
  const helper = path.join(resourcesDir, 'helper', 'host-helper.cjs');
  if (!fs.existsSync(helper)) {
    throw new Error(`after-pack: ${helper} is missing; build out/helper/host-helper.cjs first (npm run build).`);
  }
}

async function afterPack(context) {
  if (context.electronPlatformName !== 'linux') {
    throw new Error(`after-pack: nsinspect is packaged for Linux only, not ${context.electronPlatformName}`);
  }
  const resourcesDir = path.join(context.appOutDir, 'resources');
  prunePtyPrebuilds(resourcesDir, context.arch);
  requireHostHelper(resourcesDir);
  await flipFuses(path.join(context.appOutDir, context.packager.executableName), FUSES);
}

module.exports = afterPack;
module.exports.FUSES = FUSES;
