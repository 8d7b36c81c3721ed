import type { Configuration } from 'app-builder-lib';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOST_HELPER_POLICY,
  HOST_HELPER_SCRIPT,
  HOST_HELPER_WRAPPER,
  HOST_SHELL_WRAPPER,
  READ_ACTION,
  SHELL_ACTION,
} from '../../electron/core/access/install-location.js';
import { desktopHelper, loadConfig, targetOptions, validate } from './builder-config.js';
import { at, cjs, read, tool } from './tools.js';

let config: Configuration;
beforeAll(async () => {
  config = await loadConfig();
});

const asList = (v: unknown): string[] => (v == null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

describe('electron-builder.yml, through electron-builder 26 loader and schema', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked by a validator that rejects a wrong option (control)', async () => {
    const broken = {
      ...config,
      linux: { ...config.linux, desktopCategory: 'System' },
    } as Configuration;
    await expect(validate(broken)).rejects.toThrow(/configuration\.linux/);
  });

  it('names the app as the installed paths expect', () => {
    expect(config.appId).toBe('io.nsinspect.app');
    expect(config.productName).toBe('nsinspect');
    // /opt/<productName>/<executableName> is hard-coded in the wrapper, the AppArmor profile and scripts.
    expect(config.executableName).toBe('nsinspect');
    expect(config.linux?.category).toBe('System');
    expect(config.linux?.description).toBe('See and enter the Linux namespaces of Docker containers');
  });

  it('builds AppImage, deb and rpm for x64', () => {
    const targets = ((config.linux?.target ?? []) as Array<{ target: string; arch: string[] }>).map(
      (t) => `${t.target}:${asList(t.arch).join(',')}`,
    );
    for (const name of ['AppImage', 'deb', 'rpm']) {
      expect(
        targets.find((t) => t.startsWith(`${name}:`)),
        name,
      ).toMatch(/x64/);
    }
  });

  it('deb and rpm depend on util-linux and iproute2, not on docker', () => {
    const deb = asList(targetOptions(config, 'deb').depends);
    const rpm = asList(targetOptions(config, 'rpm').depends);
    expect(deb).toContain('util-linux');
    expect(deb).toContain('iproute2');
    expect(rpm).toContain('util-linux');
    expect(rpm.some((d) => /\biproute2\b/.test(d) && /\biproute\b/.test(d))).toBe(true);
    for (const dep of [...deb, ...rpm]) expect(dep).not.toMatch(/docker|moby|containerd/i);
    // Setting depends drops electron-builder's own list; Electron still needs GTK and NSS.
    expect(deb.some((d) => d.includes('libgtk-3-0'))).toBe(true);
    expect(deb).toContain('libnss3');
    expect(rpm).toContain('gtk3');
    expect(rpm).toContain('nss');
  });

  it('recommends pkexec and a polkit authentication agent', () => {
    const recommends = asList(targetOptions(config, 'deb').recommends);
    expect(recommends.some((r) => r.split('|')[0]!.trim() === 'polkit-1-auth-agent')).toBe(true);
    expect(recommends.some((r) => /\bpkexec\b/.test(r))).toBe(true);
    for (const r of recommends) expect(r).not.toMatch(/docker/i);
    expect(asList(targetOptions(config, 'rpm').fpm).join(' ')).toMatch(/Recommends: polkit/);
  });

  it('unpacks the pty module from the asar and ships only its Linux prebuilds', () => {
    const { minimatch } = cjs('minimatch') as {
      minimatch: (p: string, pattern: string, o: object) => boolean;
    };
    const matches = (file: string, patterns: string[]) => patterns.some((p) => minimatch(file, p, { dot: true }));
    const unpack = asList(config.asarUnpack);
    expect(matches('node_modules/@lydell/node-pty-linux-x64/pty.node', unpack)).toBe(true);
    expect(matches('node_modules/@lydell/node-pty-linux-arm64/pty.node', unpack)).toBe(true);

    const filters = (config.files as Array<{ filter?: string[] }>).flatMap((f) => f.filter ?? []);
    const excludes = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    for (const foreign of ['darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64']) {
      expect(matches(`node_modules/@lydell/node-pty-${foreign}/pty.node`, excludes), foreign).toBe(true);
    }
    expect(matches('node_modules/@lydell/node-pty-linux-x64/pty.node', excludes)).toBe(false);
    expect(matches('node_modules/@lydell/node-pty/unixTerminal.js', excludes)).toBe(false);
  });

  it('has an afterPack hook that exists and exports a function', () => {
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(typeof cjs(at(String(config.afterPack)))).toBe('function');
  });

  it('gives deb and rpm the after-install/after-remove scripts and AppArmor profile that exist', () => {
    for (const target of ['deb', 'rpm'] as const) {
      const o = targetOptions(config, target);
      expect(o.afterInstall, target).toBe('build/linux/after-install.sh');
      expect(o.afterRemove, target).toBe('build/linux/after-remove.sh');
      expect(o.appArmorProfile, target).toBe('build/linux/apparmor-nsinspect');
      for (const file of [o.afterInstall, o.afterRemove, o.appArmorProfile]) expect(existsSync(at(String(file)))).toBe(true);
    }
  });

  it('ships the helper files where after-install looks for them', () => {
    const extra = config.extraResources as Array<{ from: string; to: string }>;
    const script = read('build/linux/after-install.sh');
    for (const { from, to } of extra) {
      expect(script, to).toContain(`$resources/${to}`);
      // out/helper is a build output; the others are checked in.
      if (!from.startsWith('out/')) expect(existsSync(at(from)), from).toBe(true);
    }
    expect(extra.map((e) => e.from)).toContain('out/helper/host-helper.cjs');
  });
});

describe('shell scripts', () => {
  const scripts = [
    'build/linux/after-install.sh',
    'build/linux/after-remove.sh',
    'build/linux/nsinspect-host-helper',
    'build/linux/nsinspect-host-shell',
    'build/render-icons.sh',
  ];

  for (const script of scripts) {
    it(`${script} passes bash -n and shellcheck`, () => {
      const syntax = tool('bash', ['-n', script]);
      expect(syntax.out, `bash -n ${script}`).toBe('');
      expect(syntax.code).toBe(0);
      const lint = tool('shellcheck', ['--severity=style', script]);
      expect(lint.out, `shellcheck ${script}`).toBe('');
      expect(lint.code).toBe(0);
    });
  }

  it('leaves electron-builder no ${macro} to expand in the files it templates', () => {
    // FpmTarget replaces ${name} in these and throws on an unknown name; our paths are literal.
    for (const file of ['build/linux/after-install.sh', 'build/linux/after-remove.sh', 'build/linux/apparmor-nsinspect']) {
      expect(read(file), file).not.toMatch(/\$\{[a-zA-Z]+\}|<%=/);
    }
  });

  it('installs and removes the same helper, policy and AppArmor paths the app checks', () => {
    const install = read('build/linux/after-install.sh');
    const remove = read('build/linux/after-remove.sh');
    const dir = path.dirname(HOST_HELPER_WRAPPER);
    expect(install).toContain(`helper_dir=${dir}`);
    expect(install).toContain('"$helper_dir/nsinspect-host-helper"');
    expect(install).toContain('"$helper_dir/nsinspect-host-shell"');
    expect(install).toMatch(/install -o root -g root -m 0755 "\$resources\/helper\/nsinspect-host-shell"/);
    expect(install).toContain('"$helper_dir/host-helper.cjs"');
    expect(install).toContain(`policy=${HOST_HELPER_POLICY}`);
    expect(install).toMatch(/install -o root -g root -m 0755 "\$resources\/helper\/nsinspect-host-helper"/);
    expect(install).toMatch(/install -o root -g root -m 0644 "\$resources\/helper\/host-helper.cjs"/);
    for (const file of [HOST_HELPER_WRAPPER, HOST_SHELL_WRAPPER, HOST_HELPER_SCRIPT, HOST_HELPER_POLICY, '/etc/apparmor.d/nsinspect']) {
      expect(remove, file).toContain(file);
    }
  });

  it('makes chrome-sandbox setuid only as a fallback and installs AppArmor only where restricted', () => {
    const install = read('build/linux/after-install.sh');
    expect(install).toContain('chmod 4755 "$app/chrome-sandbox"');
    expect(install).toContain('chmod 0755 "$app/chrome-sandbox"');
    expect(install).toContain('/proc/sys/kernel/unprivileged_userns_clone');
    expect(install).toMatch(/-d \/etc\/apparmor\.d \] && command -v apparmor_parser/);
    expect(install).toContain('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
    // FpmTarget copies the (templated) appArmorProfile to resources/apparmor-profile.
    expect(install).toContain('"$resources/apparmor-profile"');
  });

  it('leaves the helper in place when the package is upgraded', () => {
    const remove = read('build/linux/after-remove.sh');
    expect(remove).toMatch(/upgrade .*\) exit 0/);
    expect(remove).toMatch(/\[1-9\]\*\) exit 0/);
  });

  it('runs the installed Electron as Node on the installed helper with a clean environment', () => {
    for (const name of ['nsinspect-host-helper', 'nsinspect-host-shell']) {
      const wrapper = read(`build/linux/${name}`);
      expect(wrapper).toContain(`electron=/opt/${config.productName}/${config.executableName}`);
      expect(wrapper).toContain(`helper=${HOST_HELPER_SCRIPT}`);
      expect(wrapper).toMatch(/exec env -i \\\n\s+ELECTRON_RUN_AS_NODE=1 \\\n\s+PATH=\/usr\/sbin:\/usr\/bin:\/sbin:\/bin/);
      // The caller's arguments never reach the helper: only the wrapper's fixed ones do.
      expect(wrapper, name).not.toContain('"$@"');
    }
    expect(read('build/linux/nsinspect-host-helper')).toMatch(/"\$electron" "\$helper"\n$/);
    expect(read('build/linux/nsinspect-host-shell')).toMatch(/"\$electron" "\$helper" --shells\n$/);
  });

  it('has an AppArmor profile granting userns to the installed binary', () => {
    const profile = read('build/linux/apparmor-nsinspect');
    expect(profile).toMatch(
      new RegExp(`profile ${config.executableName} /opt/${config.productName}/${config.executableName} flags=\\(unconfined\\) \\{`),
    );
    expect(profile).toMatch(/^\s+userns,$/m);
    expect(profile).toMatch(/^abi <abi\/4\.0>,$/m);
  });
});

describe('polkit action', () => {
  const policy = 'build/linux/io.nsinspect.host-helper.policy';
  const xpath = (expr: string) => {
    const r = tool('xmllint', ['--xpath', expr, policy]);
    expect(r.code, r.out).toBe(0);
    return r.out;
  };

  it('is well-formed XML', () => {
    const r = tool('xmllint', ['--noout', policy]);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('declares two actions: reading (io.nsinspect.host-helper) and root shells (io.nsinspect.host-shell)', () => {
    expect(xpath('count(/policyconfig/action)')).toBe('2');
    expect(xpath('string(/policyconfig/action[1]/@id)')).toBe(READ_ACTION);
    expect(xpath('string(/policyconfig/action[2]/@id)')).toBe(SHELL_ACTION);
    for (const id of [READ_ACTION, SHELL_ACTION]) {
      expect(xpath(`string(//action[@id="${id}"]/description)`)).not.toBe('');
      expect(xpath(`string(//action[@id="${id}"]/message)`)).not.toBe('');
    }
    expect(xpath(`string(//action[@id="${SHELL_ACTION}"]/message)`)).toMatch(/root shell/);
  });

  it('each names its own wrapper; reading keeps the authentication a while, a root shell never does', () => {
    const of = (id: string, q: string) => xpath(`string(//action[@id="${id}"]/${q})`);
    expect(of(READ_ACTION, 'annotate[@key="org.freedesktop.policykit.exec.path"]')).toBe(HOST_HELPER_WRAPPER);
    expect(of(SHELL_ACTION, 'annotate[@key="org.freedesktop.policykit.exec.path"]')).toBe(HOST_SHELL_WRAPPER);
    expect(of(READ_ACTION, 'defaults/allow_active')).toBe('auth_admin_keep');
    expect(of(SHELL_ACTION, 'defaults/allow_active')).toBe('auth_admin');
    for (const id of [READ_ACTION, SHELL_ACTION]) {
      expect(of(id, 'defaults/allow_inactive')).toBe('auth_admin');
      expect(of(id, 'defaults/allow_any')).toBe('auth_admin');
    }
    // pkexec hands the display to the program whenever this annotation exists, whatever its value.
    expect(xpath('count(//annotate[@key="org.freedesktop.policykit.exec.allow_gui"])')).toBe('0');
  });
});

describe('desktop integration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nsinspect-desktop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const validateEntry = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const r = tool('desktop-file-validate', [file]);
    expect(r.out, text).toBe('');
    expect(r.code).toBe(0);
  };

  it('deb/rpm desktop entry (from electron-builder LinuxTargetHelper) passes desktop-file-validate', async () => {
    const helper = desktopHelper(config);
    const text = await helper.computeDesktopEntry(targetOptions(config, 'deb'));
    expect(helper.getDesktopFileName()).toBe('nsinspect');
    expect(text).toContain('Exec=/opt/nsinspect/nsinspect %U');
    expect(text).toContain('Categories=System;');
    expect(text).toContain('Icon=nsinspect');
    // Must equal Electron's app_id, which it takes from desktopName.
    expect(text).toContain('StartupWMClass=nsinspect');
    expect(text).toContain('Comment=See and enter the Linux namespaces of Docker containers');
    validateEntry(`${helper.getDesktopFileName()}.desktop`, text);
  });

  it('AppImage desktop entry passes desktop-file-validate', async () => {
    const helper = desktopHelper(config);
    const text = await helper.computeDesktopEntry(targetOptions(config, 'appImage'), 'AppRun --no-sandbox %U', {
      'X-AppImage-Version': '0.1.0',
    });
    expect(text).toContain('Categories=System;');
    validateEntry('nsinspect-appimage.desktop', text);
  });

  it('has an SVG icon source that is well-formed', () => {
    const r = tool('xmllint', ['--noout', 'build/icon.svg']);
    expect(r.code, r.out).toBe(0);
  });

  it('has PNG icons whose sizes are what their names say', () => {
    const names = readdirSync(at('build/icons')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual(['16x16.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']);
    for (const name of names) {
      const r = tool('identify', ['-format', '%m %wx%h', at('build/icons', name)]);
      expect(r.code, r.out).toBe(0);
      expect(r.out, name).toBe(`PNG ${name.replace('.png', '')}`);
    }
  });
});
