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
  /** The category (ErrorCode or ProblemCode) the message is raised with. */
  code: string;
  message: string;
  hint?: string;
}

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
  'read.not-a-directory': { code: 'missing', message: '{path} is not a directory in this layer' },
  'read.unresolved': { code: 'not-found', message: 'cannot resolve the path' },
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

/** The English line of a key with its parameters (what the CLI prints). */
export function englishOf(id: MessageId, params?: MessageParams): { message: string; hint?: string } {
  const t: MessageTemplate = MESSAGES[id];
  return { message: fillTemplate(t.message, params), ...(t.hint ? { hint: fillTemplate(t.hint, params) } : {}) };
}
