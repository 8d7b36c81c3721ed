import fs from 'node:fs';

/** Where the deb/rpm after-install script puts the host helper (build/linux/after-install.sh). */
export const HOST_HELPER_WRAPPER = '/usr/lib/nsinspect/nsinspect-host-helper';
export const HOST_HELPER_SCRIPT = '/usr/lib/nsinspect/host-helper.cjs';
/** The shell-capable helper's wrapper: its own path, so polkit can give it its own action. */
export const HOST_SHELL_WRAPPER = '/usr/lib/nsinspect/nsinspect-host-shell';
/** One policy file, two actions: io.nsinspect.host-helper (read) and io.nsinspect.host-shell. */
export const HOST_HELPER_POLICY = '/usr/share/polkit-1/actions/io.nsinspect.host-helper.policy';
export const READ_ACTION = 'io.nsinspect.host-helper';
export const SHELL_ACTION = 'io.nsinspect.host-shell';

export interface HostHelperStatus {
  usable: boolean;
  reason: string;
  /** Why not, for a message by id: an AppImage, or the file that is missing. */
  missing?: { appImage: true } | { file: string };
}

/**
 * Whether the host-helper backend can be offered: pkexec only elevates a program whose path a
 * polkit action names, and only the deb/rpm install that program and action.
 */
export function hostHelperInstalled(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = fs.existsSync,
  execPath: string = process.execPath,
  files: readonly string[] = [HOST_HELPER_WRAPPER, HOST_HELPER_SCRIPT, HOST_HELPER_POLICY],
): HostHelperStatus {
  // Checked first: an AppImage may run where the deb is installed too, but the helper polkit
  // lets run then belongs to that deb, possibly another version than this AppImage.
  if (env.APPIMAGE || execPath.startsWith('/tmp/.mount_')) {
    return {
      usable: false,
      reason: "running from an AppImage (mounted at a random path, which polkit's exec.path cannot match): using the docker-helper instead",
      missing: { appImage: true },
    };
  }
  for (const file of files) {
    if (!exists(file)) {
      return {
        usable: false,
        reason: `${file} is missing (installed only by the deb/rpm packages): using the docker-helper instead`,
        missing: { file },
      };
    }
  }
  return {
    usable: true,
    reason: `host helper installed at ${files[0]}`,
  };
}

/** The same for the shell-capable helper: its wrapper, the helper program and the policy. */
export function hostShellInstalled(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = fs.existsSync,
  execPath: string = process.execPath,
): HostHelperStatus {
  return hostHelperInstalled(env, exists, execPath, [HOST_SHELL_WRAPPER, HOST_HELPER_SCRIPT, HOST_HELPER_POLICY]);
}
