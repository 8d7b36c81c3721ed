import type { Configuration } from 'app-builder-lib';
import { readFileSync } from 'node:fs';
import { at, cjs, root } from './tools.js';

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}

const configModule = cjs('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { DebugLogger } = cjs('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};
const { deepAssign } = cjs('builder-util-runtime') as {
  deepAssign<T>(target: T, ...sources: unknown[]): T;
};

/** electron-builder.yml read and merged exactly as `electron-builder --config` does it. */
export function loadConfig(): Promise<Configuration> {
  return configModule.getConfig(root, 'electron-builder.yml', null);
}

/** electron-builder's own schema check; throws InvalidConfigurationError on a bad config. */
export function validate(config: Configuration): Promise<void> {
  return configModule.validateConfiguration(config, new DebugLogger(false));
}

export const packageJson = JSON.parse(readFileSync(at('package.json'), 'utf8')) as Record<string, unknown>;

/** A target's effective options: linux.* overlaid with deb.* / rpm.* / appImage.*, as FpmTarget does. */
export function targetOptions(config: Configuration, target: 'deb' | 'rpm' | 'appImage'): Record<string, unknown> {
  return deepAssign({}, config.linux ?? {}, config[target] ?? {});
}

interface AppInfoCtor {
  new (info: { config: Configuration; metadata: Record<string, unknown> }): {
    productName: string;
    sanitizedProductName: string;
    buildVersion: string;
  };
}
interface DesktopHelper {
  computeDesktopEntry(options: Record<string, unknown>, exec?: string, extra?: Record<string, string>): Promise<string>;
  getDesktopFileName(): string;
}

/**
 * The .desktop text electron-builder writes into the deb/rpm (exec omitted) or the AppImage,
 * produced by its own LinuxTargetHelper fed from the loaded config.
 */
export function desktopHelper(config: Configuration): DesktopHelper {
  const { AppInfo } = cjs('app-builder-lib/out/appInfo.js') as {
    AppInfo: AppInfoCtor;
  };
  const { LinuxTargetHelper } = cjs('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
    LinuxTargetHelper: new (packager: unknown) => DesktopHelper;
  };
  // electron-builder merges extraMetadata into package.json before anything reads it.
  const metadata = deepAssign({}, packageJson, config.extraMetadata ?? {});
  const appInfo = new AppInfo({ config, metadata });
  return new LinuxTargetHelper({
    appInfo,
    config,
    executableName: config.executableName,
    info: { metadata },
    fileAssociations: [],
    platformSpecificBuildOptions: config.linux ?? {},
  });
}
