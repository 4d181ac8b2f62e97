// Kuma's facts as data: settings, Helm values, Secret contract, chart messages, kumactl flags, ports.
// Editor-free: the linter, hovers, completions and the CLI all read from here.
export * from './setting-types';
export * from './cp-settings';
export * from './dp-settings';
export * from './settings-catalogue';
export * from './renames';
export * from './edit-distance';
export * from './helm-values';
export * from './secret-contract';
export * from './chart-messages';
export * from './kumactl-flags';
export * from './ports';
export * from './describe';
