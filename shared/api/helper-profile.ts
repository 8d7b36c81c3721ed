// What the docker-helper container runs with, as the Settings view tells the user before they
// choose it. electron/core/access/docker-helper.ts creates the container from this same profile,
// and test/access/helpers.test.ts checks it against docker inspect.

export const HELPER_PROFILE = {
  /** Namespaces shared with the engine's host: every container's State.Pid is valid in it. */
  hostNamespaces: ['pid', 'user', 'cgroup'],
  /** Added after dropping all. */
  capabilities: [
    'SYS_ADMIN',
    'SYS_CHROOT',
    'SYS_PTRACE',
    'DAC_READ_SEARCH',
    'DAC_OVERRIDE',
    'KILL',
    'SETUID',
    'SETGID',
    'NET_ADMIN',
    'NET_RAW',
  ],
  /** seccomp and AppArmor off (setns needs it); no-new-privileges on. */
  securityOpt: ['seccomp=unconfined', 'apparmor=unconfined', 'no-new-privileges'],
} as const;
