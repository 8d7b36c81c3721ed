'use strict';
// V8 code cache for the bundled CLI (out/cli): every command is a new node process, and compiling
// the bundle's chunks was a fifth of `nsinspect map`. Node 20 has no module.enableCompileCache
// (22.1), so the chunks are compiled here through vm.Script with the cached data of the last run.
//
// The cache is code this process will run, so it lives only where no one else can write: a 0700
// directory owned by the effective user under that user's own home (never /tmp, never $HOME when
// it belongs to someone else, as under sudo). Files are opened without following links, and used
// only when they are regular files owned by the effective user. An entry is keyed by the file's
// size, mtime and inode and node's version, because V8 checks only a source's length.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

// Part of the directory's name: cached data depends on how the scripts are compiled here (their
// options are not part of what V8 checks), so a change to compileCached bumps it.
const FORMAT = 2;
const WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** The cache directory, made if missing; null when it is not safely ours. */
function cacheDir() {
  if (process.env.NSINSPECT_NO_CODE_CACHE) return null;
  const euid = process.geteuid();
  const own = euid === process.getuid() && !process.env.SUDO_UID;
  const xdg = own && process.env.XDG_CACHE_HOME;
  let home;
  try {
    home = require('node:os').userInfo().homedir;
  } catch {
    return null;
  }
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache');
  const dir = path.join(base, 'nsinspect', `v8-${process.version}-${process.arch}-${FORMAT}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const d of [dir, path.dirname(dir)]) {
      const st = fs.lstatSync(d);
      if (!st.isDirectory() || st.uid !== euid || (st.mode & 0o077) !== 0) return null;
    }
  } catch {
    return null;
  }
  return dir;
}

function readOwn(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.uid !== process.geteuid() || (st.mode & 0o022) !== 0 || st.size > 64 << 20) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeOwn(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** Compiles the files under `root` with a code cache; other files load as usual. */
function install(root) {
  const dir = cacheDir();
  if (!dir) return;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    // Functions V8 takes from cached data lose the dynamic-import loader, so a file that still
    // holds import() loads the usual way.
    if (!filename.startsWith(prefix) || /\bimport\s*\(/.test(content)) return compile.call(this, content, filename);
    const st = fs.statSync(filename);
    const key = path.join(dir, `${path.basename(filename)}-${st.size}-${Math.trunc(st.mtimeMs)}-${st.ino}`);
    const cachedData = readOwn(key);
    const script = new vm.Script(WRAP[0] + content + WRAP[1], {
      filename,
      cachedData,
    });
    if (!cachedData || script.cachedDataRejected) pending.push({ key, script });
    const req = (id) => this.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    req.main = process.mainModule;
    req.cache = Module._cache;
    return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, req, this, filename, path.dirname(filename));
  };
  // At exit the scripts hold the functions this run compiled too, so the next run skips those.
  process.once('exit', () => {
    if (!pending.length) return;
    for (const { key, script } of pending) writeOwn(key, script.createCachedData());
    prune(dir, root);
  });
}

/** A miss means a new build: drop the entries of files that are gone or changed since. */
function prune(dir, root) {
  for (const name of fs.readdirSync(dir)) {
    const m = /^(.+)-(\d+)-(\d+)-(\d+)$/.exec(name);
    if (!m) continue;
    const source = [path.join(root, m[1]), path.join(root, 'chunks', m[1])].find((f) => fs.existsSync(f));
    const st = source && fs.statSync(source);
    if (st && `${st.size}-${Math.trunc(st.mtimeMs)}-${st.ino}` === `${m[2]}-${m[3]}-${m[4]}`) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

module.exports = { install };
