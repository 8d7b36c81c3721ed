// The kernel's own names, in the order /proc/PID/ns lists them alphabetically.
export const NS_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type NsType = (typeof NS_TYPES)[number];

// Links that are not namespaces of the process itself but of its future children.
export const NS_CHILD_LINKS = ['pid_for_children', 'time_for_children'] as const;
export type NsChildLink = (typeof NS_CHILD_LINKS)[number];

export function isNsType(value: unknown): value is NsType {
  return typeof value === 'string' && (NS_TYPES as readonly string[]).includes(value);
}

/** nsenter(1) flag per type; the argv builder and the CLI's --ns both use it. */
export const NSENTER_FLAGS: Record<NsType, string> = {
  cgroup: '--cgroup',
  ipc: '--ipc',
  mnt: '--mount',
  net: '--net',
  pid: '--pid',
  time: '--time',
  user: '--user',
  uts: '--uts',
};
