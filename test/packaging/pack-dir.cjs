// Runs electron-builder's real `dir` target for Linux x64 in a scratch copy of the project
// (cwd), with a stand-in Electron (electronDist) because no Electron binary can be downloaded
// here. A child process because electron-builder resolves hooks against process.cwd().
'use strict';

const { build, Platform, Arch } = require('electron-builder');

build({
  projectDir: process.cwd(),
  config: {
    electronDist: process.argv[2],
    electronVersion: require('electron/package.json').version,
    // Nothing here needs compiling, and rebuilding would want Electron headers from the net.
    npmRebuild: false,
  },
  targets: Platform.LINUX.createTarget('dir', Arch.x64),
  publish: 'never',
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
