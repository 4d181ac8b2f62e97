// Settings Kuma removed with a named successor. The generated table knows when a key stops being
// read, not what replaced it: a key with the same last word appearing in the same release is
// often unrelated, so every successor here is one Kuma's UPGRADE.md names (master's copy, the
// section given per entry).

export interface SettingRename {
  /** The removed env name. */
  from: string;
  /** What Kuma reads instead (env names; the catalogue gives their YAML twins). */
  to: readonly string[];
  /** The UPGRADE.md section that says so. */
  source: string;
}

export const SETTING_RENAMES: readonly SettingRename[] = [
  // "Upgrade to 2.2.x / Auth configuration of DP server in Kuma CP"; removed per "Upgrade to 2.7.x".
  { from: 'KUMA_DP_SERVER_AUTH_TYPE', to: ['KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE', 'KUMA_DP_SERVER_AUTHN_ZONE_PROXY_TYPE'], source: 'UPGRADE.md, Upgrade to 2.2.x: Auth configuration of DP server in Kuma CP' },
  { from: 'KUMA_DP_SERVER_AUTH_USE_TOKEN_PATH', to: ['KUMA_DP_SERVER_AUTHN_ENABLE_RELOADABLE_TOKENS'], source: 'UPGRADE.md, Upgrade to 2.2.x: Auth configuration of DP server in Kuma CP' },
  // "Upgrade to 2.4.x": MinResyncTimeout / MaxResyncTimeout replaced.
  { from: 'KUMA_METRICS_MESH_MIN_RESYNC_TIMEOUT', to: ['KUMA_METRICS_MESH_MIN_RESYNC_INTERVAL'], source: 'UPGRADE.md, Upgrade to 2.4.x' },
  { from: 'KUMA_METRICS_MESH_MAX_RESYNC_TIMEOUT', to: ['KUMA_METRICS_MESH_FULL_RESYNC_INTERVAL'], source: 'UPGRADE.md, Upgrade to 2.4.x' },
  // "Upgrade to 3.0.0 / KDS snapshot watchdog config removed": the timing moved to multizone KDS.
  ...(['FLUSH_INTERVAL', 'FULL_RESYNC_INTERVAL', 'DELAY_FULL_RESYNC'] as const).map((suffix) => ({
    from: `KUMA_EXPERIMENTAL_KDS_EVENT_BASED_WATCHDOG_${suffix}`,
    to: [`KUMA_MULTIZONE_GLOBAL_KDS_EVENT_BASED_WATCHDOG_${suffix}`, `KUMA_MULTIZONE_ZONE_KDS_EVENT_BASED_WATCHDOG_${suffix}`],
    source: 'UPGRADE.md, Upgrade to 3.0.0: KDS snapshot watchdog config removed',
  })),
];
