/**
 * Every message the engine and the helpers send to a face, by a stable key. The English
 * text here is what the CLI prints; the renderer fills its own language's template for the
 * same key from the parameters (renderer/src/i18n/errors-*.ts), so no English sentence from
 * the engine reaches a Vietnamese UI.
 *
 * Parameter conventions (the translations rely on them):
 * - `detail`: text from the OS or the engine as it came (an errno message, the engine's
 *   answer). Never part of a translated line: shown apart, as the technical detail.
 * - `state`: a container state word (running, exited, …); translated by the renderer.
 * - `action`: a container action (start, stop, restart, remove); translated by the renderer.
 * - anything else: names, numbers, paths and commands, the same in every language.
 */
export interface MessageTemplate {
  /** The category (ErrorCode or ProblemCode) the message is raised with; 'note' for an explanation, never raised. */
  code: string;
  message: string;
  hint?: string;
}

// Hints several messages share.
const CANNOT_LAUNCH =
  'install the deb/rpm package (it installs the polkit policy) and pkexec, or install sudo (the app asks for the password; the CLI needs SUDO_ASKPASS), or join the docker group and use the docker-helper, or run as root';
const REINSTALL =
  'the app and the host helper are of different versions or builds: reinstall the nsinspect package (from a checkout, npm run build)';
const SOCKET_RULE =
  'the host helper talks only to a local engine socket owned by root or by you, in directories only root or you can change';
const SSH_URL_FORM = 'write it as ssh://[user@]host[:port], as `docker context create --docker host=…` takes it';

export const MESSAGES = {
  // The engine and its containers.
  'container.not-running': {
    code: 'not-running',
    message: 'container {name} is not running ({state})',
    hint: 'start it: `docker start {name}`',
  },
  'container.no-such': {
    code: 'not-found',
    message: 'no such container: {ref} (on {endpoint})',
    hint: 'list containers with `nsinspect ls`, or point DOCKER_HOST/DOCKER_CONTEXT at the engine that has it',
  },
  'container.removed': {
    code: 'not-found',
    message: 'no such container: {name}',
    hint: 'it was removed meanwhile; the list follows the engine',
  },
  'container.ambiguous': { code: 'input', message: '"{ref}" matches {n} containers', hint: 'give more characters of the ID' },
  'container.bad-ref': { code: 'input', message: '{ref}: {detail}', hint: 'give the full name or more characters of the ID' },
  'container.wedged': {
    code: 'engine',
    message: 'the engine did not answer for container {ref} within {seconds} s',
    hint: 'the container may be wedged (`docker inspect` hangs too); restart it, or the engine',
  },
  'pid.not-container': { code: 'gone', message: 'PID {pid} no longer belongs to container {name} (it stopped, or the PID was reused)' },
  'pid.no-such': { code: 'not-found', message: 'no process with PID {pid}', hint: 'check the PID with `ps`' },
  'engine.denied': {
    code: 'engine',
    message: 'container engine unreachable: permission denied on {url}',
    hint: 'add your user to the "docker" group (then log in again), or run as root',
  },
  'engine.not-listening': {
    code: 'engine',
    message: 'container engine unreachable: no engine is listening at {url}',
    hint: 'start the engine (e.g. `sudo systemctl start docker`), or point DOCKER_HOST at it',
  },
  'engine.unreachable': {
    code: 'engine',
    message: 'container engine unreachable: {url}: {detail}',
    hint: 'start the engine (e.g. `sudo systemctl start docker`), or point DOCKER_HOST at it',
  },
  'action.conflict': {
    code: 'failed',
    message: 'cannot {action} {name}: {detail}',
    hint: 'see `docker inspect {name}`',
  },
  'action.remove-conflict': {
    code: 'failed',
    message: 'cannot remove {name}: {detail}',
    hint: 'wait until the engine has finished with it, then try again',
  },
  'action.no-answer': {
    code: 'engine',
    message: 'cannot {action} {name}: the engine did not answer ({detail})',
    hint: 'check that the engine runs: `docker info`',
  },
  'action.failed': {
    code: 'failed',
    message: 'cannot {action} {name}: {detail}',
    hint: "the engine's log says more: `docker logs {name}`, or `journalctl -u docker`",
  },
  'logs.failed': {
    code: 'engine',
    message: 'cannot read the logs of {name}: {detail}',
    hint: 'see `docker logs {name}`',
  },
  'path.not-absolute': {
    code: 'input',
    message: '"{path}" is not an absolute path',
    hint: 'give the path as the container sees it, e.g. /etc/hostname',
  },
  'upper.unlisted': { code: 'failed', message: "{name}'s upper layer could not be listed: {detail}" },
  'upper.no-overlay': {
    code: 'unsupported',
    message: '{name} has no overlay upper layer to read (storage driver: {driver})',
    hint: 'this view needs the overlay2 driver; `docker diff {name}` works with any',
  },

  // Reading files and commands (Problems of one section, or of a whole answer).
  'read.denied': {
    code: 'permission',
    message: 'permission denied reading {path}',
    hint: 'run as root, or enable the privileged helper (--access docker-helper|host-helper)',
  },
  'read.host-denied': {
    code: 'permission',
    message: "permission denied reading the host's namespaces",
    hint: 'run as root, or enable the privileged helper (--access docker-helper|host-helper)',
  },
  'read.process-gone': { code: 'gone', message: 'the process behind {path} has exited' },
  'read.vanished': { code: 'gone', message: '{path} does not exist (the process has exited?)' },
  'read.missing': { code: 'missing', message: '{path} does not exist' },
  'read.failed': { code: 'failed', message: '{path}: {detail}' },
  'read.not-in-namespace': { code: 'missing', message: '{path} could not be read inside the namespace' },
  'read.not-regular': { code: 'unsupported', message: '{path} is not a regular file: not read' },
  'read.too-large': { code: 'unsupported', message: '{path} is larger than {mib} MiB: not read' },
  'read.timeout': { code: 'failed', message: '{path}: no answer within {seconds} s' },
  'read.helper-failed': { code: 'failed', message: '{path}: cannot be read by the helper ({detail})' },
  'read.not-in-root': { code: 'failed', message: '{path} is not inside a process root' },
  // A path resolved inside a container's root (inroot.ts): the path inside, and the root.
  'inroot.missing': { code: 'missing', message: '{path} in {root}: does not exist' },
  'inroot.loop': { code: 'failed', message: '{path} in {root}: too many levels of symbolic links' },
  'inroot.bad-link': { code: 'failed', message: '{path} in {root}: a symbolic link that cannot be read' },
  'inroot.not-dir': { code: 'failed', message: '{path} in {root}: not a directory' },
  'inroot.wrong-type': { code: 'unsupported', message: '{path} in {root}: is {is}, not {want}: not read' },
  'inroot.too-large': { code: 'unsupported', message: '{path} in {root}: larger than {mib} MiB: not read' },
  'inroot.changed': { code: 'failed', message: '{path} in {root}: changed while it was being read (a component was replaced): not read' },
  'inroot.not-regular': { code: 'unsupported', message: '{path} in {root}: not a regular file: not read' },
  'inroot.timeout': { code: 'failed', message: '{path} in {root}: no answer within {seconds} s' },
  'inroot.no-answer': { code: 'failed', message: '{path} in {root}: no answer for it' },
  'inroot.helper-failed': { code: 'failed', message: '{path} in {root}: cannot be read by the helper (exit {detail})' },
  'read.not-a-directory': { code: 'missing', message: '{path} is not a directory in this layer' },
  'read.unresolved': { code: 'not-found', message: 'cannot resolve the path' },
  'read.not-container-main': {
    code: 'unsupported',
    message: "PID {pid} is not a container's main process: its files are not read through the host helper",
    hint: "the host helper reads only containers' main processes' files: run as root with the direct backend to read this one's",
  },
  'read.pid-elsewhere': {
    code: 'gone',
    message: 'PID {pid} does not belong to container {name}',
    hint: 'the container restarted meanwhile: look again',
  },
  'read.unchecked': { code: 'failed', message: 'not checked', hint: 'look again; the host helper did not check this process root' },
  'read.not-through-helper': {
    code: 'unsupported',
    message: 'not readable through the host helper',
    hint: 'the host helper reads only the files nsinspect needs: run as root with the direct backend to read others',
  },
  'command.denied': {
    code: 'permission',
    message: '{program}: {detail}',
    hint: 'run as root, or enable the privileged helper (--access docker-helper|host-helper)',
  },
  'command.gone': { code: 'gone', message: '{program}: {detail}' },
  'command.exit': { code: 'failed', message: '{command} exited with {status}: {detail}' },
  'command.exit-silent': { code: 'failed', message: '{command} exited with {status}' },
  'command.timeout': { code: 'failed', message: '{program} did not finish within {seconds} s' },
  'command.unreadable': { code: 'failed', message: 'unreadable output of {command}: {detail}' },
  'scan.failed': { code: 'failed', message: 'the process scan failed: {detail}' },
  'nsenter.busybox': {
    code: 'unsupported',
    message: "the helper image's nsenter (busybox) cannot enter {type} namespaces",
    hint: "the helper found no util-linux nsenter on the engine's host to run instead: install util-linux there, or use a helper image with util-linux nsenter (--helper-image), or another backend (direct as root, host-helper)",
  },
  'program.missing': { code: 'not-found', message: '{program} is not installed on the host' },
  'program.missing-engine-host': { code: 'not-found', message: "{program} is not installed on the engine's host" },

  // Terminals.
  'shell.backend-changed': {
    code: 'gone',
    message: 'the access backend changed while the terminal was opening',
    hint: 'open it again',
  },
  'shell.backend-switched': {
    code: 'gone',
    message: 'the access backend was changed in Settings: open the terminal again',
  },
  'shell.docker-helper-died': {
    code: 'gone',
    message: 'the docker-helper container {name} {detail}; a new one is being started: open the terminal again',
  },
  'shell.helper-exited': { code: 'gone', message: '{detail}: this terminal ended with it; open it again' },
  'shell.no-program-container': { code: 'not-found', message: "{program} not found in the container's filesystem" },
  'shell.no-program-host': { code: 'not-found', message: "{program} not found in the host's filesystem" },
  'shell.no-shell-container': {
    code: 'not-found',
    message: "no shell (bash, ash, sh) in the container's filesystem",
    hint: "untick mnt to use the host's tools, or give a command",
  },
  'shell.no-shell-host': {
    code: 'not-found',
    message: "no shell (bash, ash, sh) in the host's filesystem",
    hint: "untick mnt to use the host's tools, or give a command",
  },
  'shell.no-user': { code: 'not-found', message: 'no user "{user}" in the target\'s /etc/passwd' },
  'shell.no-group': { code: 'not-found', message: 'no group "{group}" in the target\'s /etc/group' },
  'shell.engine-refused': {
    code: 'engine',
    message: 'the engine could not run {program} in container {container}: {detail}',
    hint: 'check the container with `docker inspect`, or give another --user or --cwd',
  },
  'shell.no-exit-code': { code: 'failed', message: 'the exec stream ended without an exit code' },
  'shell.failed': { code: 'failed', message: 'the terminal failed: {detail}' },
  'shell.no-session': { code: 'not-found', message: 'no such terminal session (it has ended)', hint: 'open a new terminal' },
  'shell.pid-moved': { code: 'gone', message: 'PID {pid} no longer belongs to container {name} (now {now})' },
  'shell.pid-reused': { code: 'gone', message: 'PID {pid} changed hands while the shell was opening; closed it' },
  // What a terminal request must be (checked by the engine and again by the host helper).
  'shell.bad-namespaces': { code: 'input', message: 'namespaces must be a list', hint: 'give namespaces as a list, e.g. --ns net,pid' },
  'shell.unknown-namespace': { code: 'input', message: 'unknown namespace "{type}"', hint: 'choose from {types}' },
  'shell.unknown-preset': { code: 'input', message: 'unknown preset "{preset}"', hint: 'use {presets}' },
  'shell.bad-argv': {
    code: 'input',
    message: '{what} must be a list of at most 64 strings',
    hint: 'give at most 64 arguments',
  },
  'shell.long-argument': {
    code: 'input',
    message: '{what}: every argument must be a string of at most 4096 characters',
    hint: 'shorten the argument, or put it in a script in the container',
  },
  'shell.nul-argument': { code: 'input', message: '{what}: NUL byte in an argument', hint: 'remove the NUL byte from the argument' },
  'shell.bad-cwd': {
    code: 'input',
    message: 'working directory must be an absolute path without NUL bytes',
    hint: 'give it as the container sees it, e.g. /srv/app',
  },
  'shell.bad-user': {
    code: 'input',
    message: 'user must be name, uid, name:group or uid:gid',
    hint: 'e.g. --user www-data, or --user 1000:1000',
  },
  'shell.bad-size': { code: 'input', message: '{what} must be an integer from 2 to 1000', hint: 'make the terminal window a usual size' },
  'shell.bad-kind': {
    code: 'input',
    message: 'kind must be nsenter or docker-exec',
    hint: 'open the terminal with nsenter or with the engine exec',
  },
  'shell.bad-unconfined': { code: 'input', message: 'unconfined must be true or false', hint: 'tick or untick "Run unconfined"' },
  'shell.containerd-no-exec': {
    code: 'unsupported',
    message: '{name} is a containerd container: there is no engine exec through nsinspect',
    hint: 'use an nsenter shell (without --exec), or `ctr tasks exec`',
  },
  'shell.unconfinable': {
    code: 'unsupported',
    message:
      "the container's filesystem with the host's {types} namespaces cannot be confined like the container: its programs would run as root on the host without {lacks}",
    hint: 'tick every namespace the container has ({own}) to run it through the engine\'s exec like docker exec, or untick mnt to use the host\'s programs; or opt in: --unconfined (in the app: "Run unconfined")',
  },
  'shell.unconfinable-one': {
    code: 'unsupported',
    message:
      "the container's filesystem with the host's {types} namespace cannot be confined like the container: its programs would run as root on the host without {lacks}",
    hint: 'tick every namespace the container has ({own}) to run it through the engine\'s exec like docker exec, or untick mnt to use the host\'s programs; or opt in: --unconfined (in the app: "Run unconfined")',
  },
  'shell.no-exec-unconfinable': {
    code: 'unsupported',
    message:
      "a shell in the whole container ({own}) cannot be confined here: containerd has no exec through nsinspect, and nsenter would run the container's programs as root on the host without {lacks}",
    hint: 'untick mnt to use the host\'s programs in the container\'s namespaces (e.g. --ns net,uts,ipc,pid), use `ctr tasks exec`, or opt in: --unconfined (in the app: "Run unconfined")',
  },
  'nsenter.bad-pid': { code: 'input', message: 'invalid pid {pid}', hint: 'give the PID of a running process (see `ps`)' },
  'nsenter.host-needs-path': {
    code: 'input',
    message: "the host's nsenter needs the host reference PID and an absolute path",
    hint: 'choose another nsenter in Settings, or restart the helper',
  },
  'nsenter.relative-program': {
    code: 'input',
    message: 'the program must be an absolute path',
    hint: 'give the program as a bare name or an absolute path, e.g. /bin/sh',
  },
  'program.bad-name': {
    code: 'input',
    message: 'program "{program}" must be a bare name or an absolute path',
    hint: 'e.g. sh or /bin/sh',
  },
  'cli.bad-limit': { code: 'input', message: '--limit must be a whole number from 1 to {max}', hint: 'e.g. --limit 5000' },
  'serve.no-renderer': {
    code: 'unsupported',
    message: 'the renderer is not built',
    hint: 'run `npm run build`, or set NSINSPECT_RENDERER_DIR',
  },
  'container.bad-name': {
    code: 'input',
    message: '{ref} is not a container name or ID',
    hint: 'use a name or ID from `nsinspect ls`',
  },
  'face.no-terminals': {
    code: 'unsupported',
    message: 'terminals are not available in this face',
    hint: 'use the desktop app or `nsinspect serve`',
  },
  'face.no-logs': {
    code: 'unsupported',
    message: 'logs are not available in this face',
    hint: 'use the desktop app or `nsinspect serve`',
  },
  'face.no-settings': {
    code: 'unsupported',
    message: 'settings are not available in this face',
    hint: 'use the desktop app or `nsinspect serve`',
  },
  'face.one-host': {
    code: 'unsupported',
    message: 'this face serves one engine host',
    hint: 'serve several with `nsinspect serve --context A --context B`',
  },
  'host.not-open': {
    code: 'not-found',
    message: 'host "{host}" is not open',
    hint: 'open it in Settings (Hosts), or list the contexts with `nsinspect contexts`',
  },
  'host.no-context': { code: 'not-found', message: 'context "{host}" not found', hint: 'name one `nsinspect contexts` shows' },
  'host.first': {
    code: 'input',
    message: 'host "{host}" is the one serve started with',
    hint: 'it stays open while serve runs',
  },
  'connection.closed': { code: 'gone', message: 'this connection is closed' },
  'askpass.ended': {
    code: 'gone',
    message: 'this password prompt has ended (answered in another window, cancelled or timed out)',
  },
  'shell.confirm-pkexec': {
    code: 'needs-confirmation',
    message: 'this opens a root shell on the host: you will be asked for an administrator password',
    hint: 'confirm to go on (polkit asks for the password), or open the shell through the docker-helper or as docker exec',
  },
  'shell.confirm-sudo': {
    code: 'needs-confirmation',
    message: 'this opens a root shell on the host: you will be asked for an administrator password',
    hint: 'confirm to go on (sudo asks for the password), or open the shell through the docker-helper or as docker exec',
  },
  // The browser mode's own link to `nsinspect serve` (raised in the renderer).
  'link.lost': {
    code: 'disconnected',
    message: 'the connection to nsinspect serve was lost',
    hint: 'check that `nsinspect serve` still runs',
  },
  'link.down': { code: 'disconnected', message: 'no connection to nsinspect serve', hint: 'reconnecting…' },
  'link.no-token': {
    code: 'permission',
    message: 'this page has no token',
    hint: 'open the URL that `nsinspect serve` printed (it ends in ?token=…)',
  },
  'api.bad-channel': { code: 'input', message: 'unknown API channel "{channel}"' },
  'api.bad-arguments': { code: 'input', message: 'invalid arguments for {channel}: {detail}' },
  'api.bad-frame': { code: 'permission', message: 'request from an unexpected frame refused' },
  'settings.invalid': { code: 'input', message: 'invalid settings: {detail}' },

  // Why this engine (Endpoint.reason): explanations, not errors.
  'endpoint.why-host-option': { code: 'note', message: '--host is given' },
  'endpoint.why-docker-host': { code: 'note', message: 'DOCKER_HOST is set' },
  'endpoint.why-both-options': { code: 'note', message: '--host and --context' },
  'endpoint.why-context-option': { code: 'note', message: '--context is given (context "{name}")' },
  'endpoint.why-context-env': { code: 'note', message: 'DOCKER_CONTEXT is set (context "{name}")' },
  'endpoint.why-context-config': { code: 'note', message: 'currentContext in {config} (context "{name}")' },
  'endpoint.why-found': { code: 'note', message: '{found}: {path}' },
  'endpoint.why-found-skipping': { code: 'note', message: '{found}: {path}; skipped {skipped}' },
  'endpoint.why-denied': { code: 'note', message: '{found}: {path}, but {denied}' },
  'endpoint.why-denied-skipping': { code: 'note', message: '{found}: {path}, but {denied}; skipped {skipped}' },
  'endpoint.why-none-found': { code: 'note', message: 'no engine socket found; trying the default /var/run/docker.sock' },
  'endpoint.why-all': { code: 'note', message: 'every engine (--engine all): {engines}' },
  'endpoint.why-containerd-address': { code: 'note', message: 'CONTAINERD_ADDRESS is set' },
  'endpoint.why-containerd-found': { code: 'note', message: 'containerd socket found: {path}' },
  'endpoint.why-containerd-default': { code: 'note', message: 'no containerd socket found; trying the default {path}' },

  // Choosing and reaching the engine (endpoint.ts, tls.ts, ssh.ts, containerd).
  'endpoint.both-options': {
    code: 'engine',
    message: 'conflicting options: either --host or --context, not both',
    hint: 'give one of them, as with the docker CLI',
  },
  'endpoint.no-context-env': {
    code: 'engine',
    message: 'context "{name}" not found ({why}; contexts are read from {dir})',
    hint: 'unset DOCKER_CONTEXT or name one `nsinspect contexts` shows',
  },
  'endpoint.no-context-option': {
    code: 'engine',
    message: 'context "{name}" not found ({why}; contexts are read from {dir})',
    hint: 'name one `nsinspect contexts` shows',
  },
  'endpoint.no-context-config': {
    code: 'engine',
    message: 'context "{name}" not found ({why}; contexts are read from {dir})',
    hint: 'choose one with `docker context use NAME`, or fix {config}',
  },
  'endpoint.context-no-docker': {
    code: 'engine',
    message: 'context "{name}" has no Docker endpoint',
    hint: 'choose another context, or set DOCKER_HOST',
  },
  'endpoint.not-url': {
    code: 'engine',
    message: 'engine endpoint "{url}" is not a URL',
    hint: 'use {schemes}, e.g. unix:///var/run/docker.sock',
  },
  'endpoint.unsupported': {
    code: 'engine',
    message: 'unsupported engine endpoint {url}: {scheme}:// is not supported',
    hint: 'point DOCKER_HOST (or the context) at {schemes}',
  },
  'endpoint.npipe': {
    code: 'engine',
    message: 'unsupported engine endpoint {url}: {scheme}:// is not supported (named pipes are Windows-only)',
    hint: 'point DOCKER_HOST (or the context) at {schemes}',
  },
  'engine.call-timeout': {
    code: 'engine',
    message: 'the engine did not answer {what} within {seconds} s',
    hint: 'the engine or that container may be wedged: check `docker info` and `docker inspect` of it, restart it if they hang too, then try again',
  },
  'engine.no-docker': {
    code: 'unsupported',
    message: 'no Docker engine among the engines in use',
    hint: 'an engine exec or the helper container needs the Docker API: use --access direct (as root), or add a Docker engine (--engine all)',
  },
  'engine.ambiguous': {
    code: 'input',
    message: '"{ref}" names a container in {engines}',
    hint: 'pick the engine with --engine docker or --engine containerd',
  },
  'engine.no-such-any': {
    code: 'not-found',
    message: 'no such container: {ref} (on {engines})',
    hint: 'list containers with `nsinspect ls --engine all`',
  },
  'tls.unreadable': {
    code: 'engine',
    message: 'TLS is asked for ({from}) but {path} cannot be read: {detail}',
    hint: 'put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH (or the context), as `docker --tlsverify` needs them',
  },
  'tls.untrusted': {
    code: 'engine',
    message: 'the engine at {url} presented a certificate that {ca} does not vouch for ({detail})',
    hint: "use the ca.pem that signed the daemon's certificate (DOCKER_CERT_PATH or the context's TLS files); the daemon's certificate must name {host}",
  },
  'tls.failed': {
    code: 'engine',
    message: 'TLS with the engine at {url} failed: {detail}',
    hint: 'the daemon may want a client certificate signed by its CA (cert.pem, key.pem), or not speak TLS on that port',
  },
  'ssh.bad-host': {
    code: 'input',
    message: '{url}: "{host}" is not a host name',
    hint: SSH_URL_FORM,
  },
  'ssh.bad-user': {
    code: 'input',
    message: '{url}: "{user}" is not a user name',
    hint: SSH_URL_FORM,
  },
  'ssh.password-in-url': {
    code: 'input',
    message: '{url}: a password in the URL is not supported (use a key or the agent)',
    hint: SSH_URL_FORM,
  },
  'ssh.path-in-url': {
    code: 'input',
    message: '{url}: a path is not supported',
    hint: SSH_URL_FORM,
  },
  'ssh.unsafe-dir': {
    code: 'permission',
    message: '{dir} is not a private directory of this user (owner {uid}, mode {mode})',
    hint: 'remove it; nsinspect keeps its ssh master sockets there and makes it 0700',
  },
  'ssh.host-key-changed': {
    code: 'engine',
    message: '{where}: the host key of {host} has changed since it was added to known_hosts; ssh refused to connect',
    hint: 'find out why (a reinstalled host, or someone in between); once sure, remove the old key with `ssh-keygen -R {key}`',
  },
  'ssh.host-key-unknown': {
    code: 'engine',
    message: '{where}: the host key of {host} is not in known_hosts; ssh refused to connect (nsinspect never turns the check off)',
    hint: 'connect once with `{ssh}`, compare the fingerprint and accept it, or add the verified key to ~/.ssh/known_hosts',
  },
  'ssh.key-refused': {
    code: 'engine',
    message: '{where}: {host} refused the key ({detail})',
    hint: 'load the key into the agent (`ssh-add`), or set IdentityFile for {host} in ~/.ssh/config; `{ssh}` must log in without a password',
  },
  'ssh.user-key-refused': {
    code: 'engine',
    message: '{where}: {host} refused the key of {user} ({detail})',
    hint: 'load the key into the agent (`ssh-add`), or set IdentityFile for {host} in ~/.ssh/config; `{ssh}` must log in without a password',
  },
  'ssh.unreachable': {
    code: 'engine',
    message: '{where}: cannot reach {host}: {detail}',
    hint: 'check the host and port; `{ssh}` must connect',
  },
  'ssh.no-docker': {
    code: 'engine',
    message: '{where}: there is no `docker` command on {host} ({detail})',
    hint: 'install the Docker CLI there (nsinspect needs only docker on the remote host), or put it on the PATH of non-interactive ssh sessions',
  },
  'ssh.no-dial-stdio': {
    code: 'engine',
    message: '{where}: the docker CLI on {host} has no `docker system dial-stdio` ({detail})',
    hint: 'update Docker there to 18.09 or newer',
  },
  'ssh.docker-denied': {
    code: 'engine',
    message: '{where}: {user} may not use the engine on {host} ({detail})',
    hint: 'add {user} to the docker group on {host}, then connect again',
  },
  'ssh.docker-denied-anon': {
    code: 'engine',
    message: '{where}: the ssh user may not use the engine on {host} ({detail})',
    hint: 'add that user to the docker group on {host}, then connect again',
  },
  'ssh.no-engine': {
    code: 'engine',
    message: '{where}: no engine is running on {host} ({detail})',
    hint: 'start it there: `sudo systemctl start docker`',
  },
  'ssh.failed': {
    code: 'engine',
    message: '{where}: ssh failed: {detail}',
    hint: '`{ssh} docker version` must work from this account',
  },
  'ssh.failed-exit': {
    code: 'engine',
    message: '{where}: ssh failed (exit {status}): {detail}',
    hint: '`{ssh} docker version` must work from this account',
  },
  'ssh.failed-silent': {
    code: 'engine',
    message: '{where}: ssh failed',
    hint: '`{ssh} docker version` must work from this account',
  },
  'ssh.failed-exit-silent': {
    code: 'engine',
    message: '{where}: ssh failed (exit {status})',
    hint: '`{ssh} docker version` must work from this account',
  },
  'ssh.no-client': {
    code: 'engine',
    message: '{where}: cannot run ssh: {detail}',
    hint: 'install the OpenSSH client (ssh)',
  },
  'containerd.not-unix': {
    code: 'engine',
    message: 'containerd address {url} is not a unix socket',
    hint: 'give CONTAINERD_ADDRESS as a socket path or unix:///path',
  },
  'containerd.no-docker-api': {
    code: 'unsupported',
    message: 'containerd ({url}) has no Docker API: no engine exec or helper container through it',
    hint: 'use --access direct (as root), or a shell with the namespaces you tick',
  },
  'containerd.timeout': {
    code: 'engine',
    message: 'containerd did not answer for {what} within {seconds} s',
    hint: 'check `ctr version`; restart containerd',
  },
  'containerd.unreachable': {
    code: 'engine',
    message: 'containerd unreachable: {url}: {detail}',
    hint: 'start containerd (e.g. `sudo systemctl start containerd`), or point CONTAINERD_ADDRESS at its socket',
  },
  'containerd.ambiguous': {
    code: 'input',
    message: '"{ref}" matches {n} containerd containers',
    hint: 'give the full ID, or more characters of it',
  },
  'containerd.no-such': {
    code: 'not-found',
    message: 'no such container: {ref} (on containerd {url}, {reason})',
    hint: 'list containers with `nsinspect ls --engine containerd`, or point CONTAINERD_ADDRESS at the containerd that has it',
  },
  'containerd.removed': {
    code: 'not-found',
    message: 'no such container: {ref} (on containerd {url})',
    hint: 'it was removed meanwhile',
  },
  'containerd.not-running': {
    code: 'not-running',
    message: 'container {name} is not running ({state})',
    hint: 'start its task: ctr -n {namespace} tasks start -d {id}',
  },
  'containerd.no-actions': {
    code: 'unsupported',
    message: '{name} is a containerd container: nsinspect does not {action} containers through containerd',
    hint: 'use nerdctl or ctr (ctr -n {namespace} tasks …)',
  },
  'containerd.pod-actions': {
    code: 'unsupported',
    message: '{name} is a containerd container: nsinspect does not {action} containers through containerd',
    hint: 'its pod is the kubelet’s: use kubectl',
  },
  'where.no-layers': {
    code: 'unsupported',
    message: 'container {name} is not running and the engine reports no layer directories for it ({driver})',
    hint: 'start it (docker start {name}) and ask again',
  },
  'where.no-layer-data': {
    code: 'unsupported',
    message: 'container {name} is not running and the engine reports no layer directories for it (no storage driver data)',
    hint: 'start it (docker start {name}) and ask again',
  },

  // Why this access backend (Settings): explanations, not errors.
  'access.why-root': { code: 'note', message: 'running as root' },
  'access.why-not-root': { code: 'note', message: 'not root' },
  'access.why-remote': { code: 'note', message: 'the engine is on another host ({url})' },
  'access.why-root-unreachable': { code: 'note', message: 'running as root (engine unreachable)' },
  'access.why-unreachable': { code: 'note', message: 'not root and the engine is unreachable' },
  'access.why-readable': { code: 'note', message: 'the namespaces of {name} are readable here' },
  'access.why-owned': {
    code: 'note',
    message: 'the processes of {name} sit in a user namespace this user owns (uid {uid} is uid {inner} there)',
  },
  'access.why-unreadable': { code: 'note', message: "the processes of the engine's containers are not visible or readable here ({which})" },
  'access.why-root-local': { code: 'note', message: 'running as root next to a local engine' },
  'access.why-rootless': { code: 'note', message: "rootless engine: its containers are this user's processes" },
  'access.why-not-local': { code: 'note', message: 'the engine is not local' },
  'access.why-fixed': { code: 'note', message: 'fixed by the setting' },
  'access.why-helper-runs': { code: 'note', message: 'the engine runs the helper container ({image})' },
  'access.why-host-remote': { code: 'note', message: 'it reads this machine, and the engine is on another host ({url})' },
  'access.why-host-helper-runs': { code: 'note', message: 'the root host helper runs (started with {how})' },
  'access.why-starting': { code: 'note', message: 'starting' },
  'access.why-switching': { code: 'note', message: 'starting the chosen backend' },
  'access.why-helper-restarting': { code: 'note', message: 'the helper container {detail}: starting a new one' },
  'access.why-helper-restarted': { code: 'note', message: '{before} (started again after the last one {detail})' },
  'access.why-helper-restart-failed': { code: 'note', message: 'the helper container {detail}, and a new one could not start' },
  'access.why-fixed-failed': { code: 'note', message: '{kind} (fixed by the setting) could not start' },
  'access.why-none': { code: 'note', message: 'no backend could start' },

  // The privileged helpers.
  'helper.no-engine': {
    code: 'unsupported',
    message: 'access backend "{kind}" needs the engine',
    hint: 'use --access direct (as root)',
  },
  'helper.bad-image': { code: 'input', message: '"{image}" is not an image reference' },
  'helper.cannot-start': {
    code: 'engine',
    message: 'cannot start the helper container ({image}): {detail}',
    hint: 'check that the engine allows --pid=host containers, or use --access direct (root) or host-helper',
  },
  'helper.image-unfit': {
    code: 'unsupported',
    message: 'the helper image {image} cannot serve: {detail}',
    hint: 'use an image with a working `nsenter -t` and sh (busybox-based ones have both): --helper-image IMAGE',
  },
  'helper.stopped': { code: 'gone', message: 'the helper container was stopped' },
  'helper.exec-timeout': { code: 'failed', message: '{program} in the helper timed out after {ms} ms' },
  'host-helper.cancelled': {
    code: 'permission',
    message: 'authentication cancelled: the host helper was not started',
    hint: 'try again (the next request asks again), or choose another access backend in Settings',
  },
  'host-helper.timeout': {
    code: 'permission',
    message: 'authentication timed out: nobody answered the password prompt',
    hint: 'try again (the next request asks again), or choose another access backend in Settings',
  },
  'host-helper.wrong-password': {
    code: 'permission',
    message: 'authentication failed: wrong password',
    hint: 'try again (the next request asks again), or choose another access backend in Settings',
  },
  'host-helper.sudo-refused': {
    code: 'permission',
    message: 'sudo refused to start the host helper: {detail}',
    hint: 'ask an administrator for sudo rights, or join the docker group and use the docker-helper',
  },
  'host-helper.sudo-failed': {
    code: 'permission',
    message: 'the host helper could not be started with sudo: {detail}',
    hint: 'try again (the next request asks again), or choose another access backend in Settings',
  },
  'host-helper.exited': {
    code: 'gone',
    message: 'the host helper exited ({detail})',
    hint: 'it is started again on the next request',
  },
  'host-helper.no-answer': { code: 'failed', message: 'the host helper did not answer {verb} within {seconds} s' },
  'host-helper.not-root': { code: 'permission', message: 'the host helper does not run as root' },
  'access.none': {
    code: 'permission',
    message: "no access backend can read the containers' namespaces ({detail})",
    hint: 'join the docker group (then log in again) for the docker-helper, or install the deb/rpm package with its polkit policy (or sudo) for the host-helper, or run as root',
  },
  'access.none-image': {
    code: 'permission',
    message: "no access backend can read the containers' namespaces ({detail})",
    hint: 'load the helper image (`docker pull {image}`, or `docker load` it offline) or name a local one with --helper-image for the docker-helper, or install the deb/rpm package with its polkit policy (or sudo) for the host-helper, or run as root',
  },
  'access.none-remote': {
    code: 'permission',
    message: "no access backend can read the containers' namespaces ({detail})",
    hint: "only the docker-helper reaches a remote engine's namespaces; load its image there (on a machine that can pull it: docker pull {image} && docker save {image} | {load}; or choose another image with sh and nsenter (Settings, or --helper-image IMAGE))",
  },
  'access.none-remote-pinned': {
    code: 'permission',
    message: "no access backend can read the containers' namespaces ({detail})",
    hint: "only the docker-helper reaches a remote engine's namespaces; load its image there (on a machine that can pull it: docker pull {image} && docker tag {image} {tagged} && docker save {tagged} | {load}, then choose {tagged} (Settings, or --helper-image {tagged}); or choose another image with sh and nsenter (Settings, or --helper-image IMAGE))",
  },
  'helper.rootless': {
    code: 'engine',
    message:
      "the helper container ({image}) cannot start: the engine is rootless, and a rootless engine cannot give a container the host's PID namespace ({detail})",
    hint: "use --access direct: a rootless engine's containers are your own processes, which nsinspect reads without a helper",
  },
  'helper.unpullable': {
    code: 'engine',
    message: 'the helper image {image} is not on the engine and cannot be pulled: {detail}',
    hint: 'on a machine that can pull it: docker pull {image} && docker save {image} | {load}; or choose another image with sh and nsenter (Settings, or --helper-image IMAGE)',
  },
  'helper.unpullable-pinned': {
    code: 'engine',
    message: 'the helper image {image} is not on the engine and cannot be pulled: {detail}',
    hint: 'on a machine that can pull it: docker pull {image} && docker tag {image} {tagged} && docker save {tagged} | {load}, then choose {tagged} (Settings, or --helper-image {tagged}); or choose another image with sh and nsenter (Settings, or --helper-image IMAGE)',
  },
  'helper.gone': {
    code: 'gone',
    message: 'the docker-helper container {name} {detail}',
    hint: 'a new helper is started by itself; try again in a moment (or choose another backend in Settings)',
  },
  'settings.unsaved': {
    code: 'failed',
    message: 'the settings could not be saved ({path}): {detail}',
    hint: 'check that the directory is writable',
  },
  'host-helper.no-agent': {
    code: 'permission',
    message:
      'the host helper was not started: no polkit authentication agent is running in this session, so pkexec cannot ask for an administrator password',
    hint: 'log in to a desktop session that runs a polkit agent (GNOME, KDE, Xfce and most desktops start one; on a bare window manager start one, e.g. lxpolkit or polkit-gnome), or use the docker-helper (join the docker group; --access docker-helper, or choose it in Settings)',
  },
  'host-helper.pkexec-cancelled': {
    code: 'permission',
    message: 'authentication cancelled: the host helper was not started',
    hint: 'try again (the next request asks again), or use the docker-helper (join the docker group; --access docker-helper, or choose it in Settings)',
  },
  'host-helper.pkexec-refused': {
    code: 'permission',
    message: 'polkit did not authorise the host helper (action {action}): wrong password, or this account may not administer the machine',
    hint: 'ask an administrator, or use the docker-helper (join the docker group; --access docker-helper, or choose it in Settings)',
  },
  'host-helper.pkexec-failed': {
    code: 'permission',
    message: 'the host helper could not be started with pkexec: {detail}',
    hint: 'check the installation (pkaction --action-id {action} must list the action; reinstall the nsinspect package), or use the docker-helper (join the docker group; --access docker-helper, or choose it in Settings)',
  },
  'host-helper.not-built': {
    code: 'unsupported',
    message: 'the host helper script is not built',
    hint: 'run `npm run build` (it writes out/helper/host-helper.cjs)',
  },
  'host-helper.no-pkexec': {
    code: 'permission',
    message: 'the host helper cannot be started: pkexec is not installed',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.missing': {
    code: 'permission',
    message:
      'the host helper cannot be started: {file} is missing (installed only by the deb/rpm packages): using the docker-helper instead',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.missing-no-sudo': {
    code: 'permission',
    message:
      'the host helper cannot be started: {file} is missing (installed only by the deb/rpm packages): using the docker-helper instead; sudo is not installed either',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.appimage': {
    code: 'permission',
    message:
      "the host helper cannot be started: running from an AppImage (mounted at a random path, which polkit's exec.path cannot match): using the docker-helper instead",
    hint: CANNOT_LAUNCH,
  },
  'host-helper.appimage-no-sudo': {
    code: 'permission',
    message:
      "the host helper cannot be started: running from an AppImage (mounted at a random path, which polkit's exec.path cannot match): using the docker-helper instead; sudo is not installed either",
    hint: CANNOT_LAUNCH,
  },
  'host-helper.no-hello': {
    code: 'failed',
    message: 'the host helper did not say hello',
    hint: REINSTALL,
  },
  'host-helper.protocol': {
    code: 'unsupported',
    message: 'the installed host helper speaks protocol version {theirs}, this nsinspect speaks {ours}',
    hint: 'reinstall the nsinspect package so that the installed helper matches the app (sudo apt reinstall nsinspect, sudo dnf reinstall nsinspect); from a checkout, npm run build',
  },
  'host-helper.wrong-mode': {
    code: 'failed',
    message: 'the host helper was started for {theirs}, not {ours}',
    hint: 'reinstall the nsinspect package',
  },
  'host-helper.wrong-caller': {
    code: 'permission',
    message: "the host helper was authorised for uid {theirs}, not this process's uid {ours}",
    hint: 'another user started this helper: try again from your own session, or choose another access backend in Settings',
  },
  'host-helper.garbled': {
    code: 'failed',
    message: 'host helper protocol error: {detail}',
    hint: REINSTALL,
  },
  'host-helper.no-askpass': {
    code: 'unsupported',
    message: 'no way to ask for the sudo password here',
    hint: 'set SUDO_ASKPASS, or use the desktop app or nsinspect serve',
  },
  'host-helper.spawn-failed': {
    code: 'permission',
    message: 'cannot start the host helper ({how}): {detail}',
    hint: 'check that {how} is installed, or choose another access backend in Settings',
  },
  'host-helper.unsendable': {
    code: 'input',
    message: 'the {verb} request cannot be sent: {detail}',
    hint: REINSTALL,
  },

  // What the host helper refuses from its peer (a bug, or an app and helper of different builds).
  'wire.not-object': {
    code: 'input',
    message: 'arguments must be an object',
    hint: REINSTALL,
  },
  'wire.unknown-verb': {
    code: 'input',
    message: 'unknown verb',
    hint: REINSTALL,
  },
  'wire.unknown-read': {
    code: 'input',
    message: 'unknown read',
    hint: REINSTALL,
  },
  'wire.paths-not-list': {
    code: 'input',
    message: 'paths must be a list',
    hint: REINSTALL,
  },
  'wire.probe-not-object': {
    code: 'input',
    message: 'a probe request must be an object',
    hint: REINSTALL,
  },
  'wire.unknown-probe': {
    code: 'input',
    message: 'unknown probe command "{kind}"',
    hint: REINSTALL,
  },
  'wire.bad-pid': {
    code: 'input',
    message: 'pid must be a positive integer',
    hint: REINSTALL,
  },
  'wire.probe-fields': {
    code: 'input',
    message: '{kind} takes {fields}',
    hint: REINSTALL,
  },
  'wire.engine-not-path': {
    code: 'input',
    message: 'engine must be a unix socket path',
    hint: REINSTALL,
  },
  'wire.user-not-string': {
    code: 'input',
    message: 'user must be a string',
    hint: REINSTALL,
  },
  'wire.bad-signal': {
    code: 'input',
    message: 'signal {signal} is not allowed',
    hint: REINSTALL,
  },
  'helper.read-only': {
    code: 'permission',
    message: 'this host helper was authorised to read namespaces only; it opens no shells and runs no programs',
    hint: 'a root shell through the host helper needs its own authorisation (polkit action io.nsinspect.host-shell): nsinspect starts a second helper for it',
  },
  'helper.shells-only': { code: 'permission', message: 'this host helper opens shells only', hint: 'the probe uses the reading helper' },
  'helper.whole-container': {
    code: 'unsupported',
    message: "a shell in all of the container's namespaces is opened by the engine's exec, not by the host helper",
    hint: 'open it through nsinspect, which uses the engine for it',
  },
  'helper.no-engine-socket': {
    code: 'engine',
    message: 'no engine socket at /var/run/docker.sock',
    hint: 'start the engine, or name its socket (DOCKER_HOST=unix:///path)',
  },
  'helper.engine-unreachable': {
    code: 'engine',
    message: 'engine unix://{socket} unreachable: {detail}',
    hint: 'start the engine (e.g. `sudo systemctl start docker`), or point DOCKER_HOST at it',
  },
  'helper.engine-status': {
    code: 'engine',
    message: 'the engine answered {status}',
    hint: "the engine's log says more: `journalctl -u docker`",
  },
  'helper.engine-not-json': {
    code: 'engine',
    message: 'the engine answered something that is not JSON',
    hint: 'check that the socket is a Docker or Podman engine',
  },
  'helper.engine-no-id': {
    code: 'engine',
    message: 'the engine returned no container ID',
    hint: 'check that the socket is a Docker or Podman engine',
  },
  'helper.pid-moved': {
    code: 'gone',
    message: 'PID {pid} does not belong to container {name} (now {now})',
    hint: 'the container restarted meanwhile: try again',
  },
  'helper.command-timeout': {
    code: 'failed',
    message: '{program} did not finish within {seconds} s',
    hint: 'try again; if it hangs again, the namespace or the process may be wedged: open a terminal and run {program} there',
  },
  'helper.command-flood': {
    code: 'failed',
    message: '{program} printed more than {mib} MiB',
    hint: 'the namespace holds more than nsinspect reads at once (a very large routing table, say): open a terminal and run {program} there',
  },
  'helper.ns-gone': { code: 'gone', message: '{path} is gone: container {name} stopped', hint: 'start it again, then try again' },
  'helper.ns-exited': { code: 'gone', message: '{path} is gone: the process exited', hint: 'try again with a running process' },
  'helper.ns-unopened': { code: 'failed', message: 'cannot open {path} ({detail})', hint: 'check that the host helper runs as root' },
  'engine-socket.bad-path': {
    code: 'permission',
    message: 'engine socket {socket} refused: not an absolute socket path of at most {max} bytes (URLs are not taken)',
    hint: SOCKET_RULE,
  },
  'engine-socket.not-normal': {
    code: 'permission',
    message: 'engine socket {socket} refused: not a normalised path',
    hint: SOCKET_RULE,
  },
  'engine-socket.unresolved': {
    code: 'permission',
    message: 'engine socket {socket} refused: {detail}',
    hint: SOCKET_RULE,
  },
  'engine-socket.symlink': {
    code: 'permission',
    message: 'engine socket {socket} refused: it leads through a symlink (to {real})',
    hint: SOCKET_RULE,
  },
  'engine-socket.not-socket': {
    code: 'permission',
    message: 'engine socket {socket} refused: not a socket',
    hint: SOCKET_RULE,
  },
  'engine-socket.foreign-owner': {
    code: 'permission',
    message: 'engine socket {socket} refused: owned by uid {uid}, neither root nor the caller (uid {caller})',
    hint: SOCKET_RULE,
  },
  'engine-socket.open-dir': {
    code: 'permission',
    message: 'engine socket {socket} refused: its directory {dir} can be changed by others (owner uid {uid}, mode {mode})',
    hint: SOCKET_RULE,
  },
} as const satisfies Record<string, MessageTemplate>;

export type MessageId = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

/** Every key, for the tests that walk them all. */
export const MESSAGE_IDS = Object.keys(MESSAGES) as MessageId[];

export function isMessageId(k: unknown): k is MessageId {
  return typeof k === 'string' && Object.hasOwn(MESSAGES, k);
}

/** A template with its {name}s filled; a missing parameter stays visible as {name}. */
export function fillTemplate(template: string, params: MessageParams | undefined): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}

/** An explanation that is no error (why this engine, why this backend), by key, for a face to say in its language. */
export interface Said {
  id: MessageId;
  params?: MessageParams;
}

export function said(id: MessageId, params?: MessageParams): Said {
  return params ? { id, params } : { id };
}

/** The English of an explanation (what the CLI prints, and the model's plain `reason`/`why`). */
export function textOf(s: Said): string {
  return englishOf(s.id, s.params).message;
}

/** The English line of a key with its parameters (what the CLI prints). */
export function englishOf(id: MessageId, params?: MessageParams): { message: string; hint?: string } {
  const t: MessageTemplate = MESSAGES[id];
  return { message: fillTemplate(t.message, params), ...(t.hint ? { hint: fillTemplate(t.hint, params) } : {}) };
}
