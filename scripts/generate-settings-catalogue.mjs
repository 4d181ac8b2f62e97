// Generates src/kuma/generated/settings.json: every kuma-cp and kuma-dp setting that Kuma's config
// structs define, for each minor release from 2.0 to the newest plus master, with the versions
// that read it. Reads a bare clone of kumahq/kuma (nothing of Kuma's is written into this
// repository but names, kinds and defaults: Kuma's comments are not copied, hovers carry our own
// words from the overlays in src/kuma/cp-settings.ts and dp-settings.ts):
//
//   node scripts/generate-settings-catalogue.mjs /path/to/kuma.git
//
// How Kuma reads its config, and so how the table is derived:
// - YAML goes through sigs.k8s.io/yaml into encoding/json, so a key is a field's `json:"…"` name
//   (the Go field name when the tag has none), embedded structs without a json name are
//   flattened, and fields with a custom UnmarshalJSON / envconfig Decode are single values.
// - Environment names are `envconfig:"…"` tags upper-cased (kelseyhightower/envconfig's Alt key;
//   prefix "" so untagged fields get no KUMA_ name).
// - kuma-cp.defaults.yaml gives the defaults and its `# ENV:` markers; a marker that differs from
//   the struct tag at the same path is a name the defaults file prints but Kuma does not read.
//
// Patch precision: a key that the newest patch of a minor reads but its .0 does not is searched
// through that minor's patch tags, so a backport (2.9.16) is told apart from 2.9.3.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument, isMap, isSeq, isScalar } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: node scripts/generate-settings-catalogue.mjs <kuma git dir>');
  process.exit(2);
}
const OUTPUT = join(root, 'src/kuma/generated/settings.json');
const FIRST_MINOR = 0;

const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const gitOrNull = (...args) => {
  try {
    return git(...args);
  } catch {
    return null;
  }
};

// ---- refs --------------------------------------------------------------------------------------

function releaseTags() {
  const byMinor = new Map();
  for (const tag of git('tag', '-l').split('\n')) {
    const m = /^v?2\.(\d+)\.(\d+)$/.exec(tag.trim());
    if (!m) continue;
    const minor = Number(m[1]);
    if (minor < FIRST_MINOR) continue;
    const list = byMinor.get(minor) ?? [];
    list.push({ tag: tag.trim(), patch: Number(m[2]) });
    byMinor.set(minor, list);
  }
  for (const list of byMinor.values()) list.sort((a, b) => a.patch - b.patch);
  return [...byMinor].sort((a, b) => a[0] - b[0]);
}

// ---- Go struct reading -------------------------------------------------------------------------

const KUMA_MODULE = /^github\.com\/kumahq\/kuma(?:\/v\d+)?\//;
const SCALARS = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'byte', 'rune']);

class GoSource {
  constructor(ref) {
    this.ref = ref;
    this.packages = new Map();
    // Kuma 2.0 read YAML with gopkg.in/yaml.v2 (`yaml:` tags, lower-cased field names, exact
    // case); 2.1 and later with sigs.k8s.io/yaml, i.e. encoding/json (`json:` tags, any case).
    this.tagKey = (gitOrNull('show', `${ref}:pkg/config/loader.go`) ?? '').includes('gopkg.in/yaml.v2') ? 'yaml' : 'json';
  }

  /** The package in `dir` (types, methods with custom decoding, the package's name). */
  load(dir) {
    if (this.packages.has(dir)) return this.packages.get(dir);
    const pkg = { dir, name: null, types: new Map(), decoders: new Set(), files: [] };
    this.packages.set(dir, pkg);
    const listing = gitOrNull('ls-tree', '--name-only', `${this.ref}:${dir}`) ?? '';
    for (const name of listing.split('\n')) {
      if (!name.endsWith('.go') || name.endsWith('_test.go')) continue;
      const text = gitOrNull('show', `${this.ref}:${dir}/${name}`);
      if (text !== null) readGoFile(pkg, text);
    }
    return pkg;
  }

  /** The package an import path names, or null outside Kuma's module. */
  imported(file, alias) {
    const path = file.imports.get(alias);
    if (path !== undefined) return KUMA_MODULE.test(path) ? this.load(path.replace(KUMA_MODULE, '')) : null;
    // An import without an alias is known by its package clause, which may differ from the folder.
    for (const [key, importPath] of file.imports) {
      if (!key.startsWith('\0') || !KUMA_MODULE.test(importPath)) continue;
      const pkg = this.load(importPath.replace(KUMA_MODULE, ''));
      if (pkg.name === alias) return pkg;
    }
    return null;
  }
}

function readGoFile(pkg, text) {
  const file = { imports: new Map() };
  pkg.name ??= /^package\s+(\w+)/m.exec(text)?.[1] ?? null;
  const importSpec = (line) => {
    const m = /^\s*(?:(\w+|_|\.)\s+)?"([^"]+)"/.exec(line);
    if (!m) return;
    file.imports.set(m[1] ?? `\0${m[2]}`, m[2]);
  };
  const block = /^import\s*\(([\s\S]*?)^\)/m.exec(text);
  if (block) for (const line of block[1].split('\n')) importSpec(line);
  for (const m of text.matchAll(/^import\s+((?:\w+\s+)?"[^"]+")/gm)) importSpec(m[1]);
  for (const m of text.matchAll(/^func\s+\(\s*\w*\s*\*?(\w+)\s*\)\s+(UnmarshalJSON|UnmarshalText|Decode)\s*\(/gm)) pkg.decoders.add(m[1]);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const struct = /^type\s+(\w+)\s+struct\s*\{\s*$/.exec(lines[i]);
    if (struct) {
      const { fields, end } = readStructBody(lines, i + 1);
      pkg.types.set(struct[1], { kind: 'struct', fields, file });
      i = end;
      continue;
    }
    const named = /^type\s+(\w+)\s*=?\s*([^\s{][^/]*?)\s*(?:\/\/.*)?$/.exec(lines[i]);
    if (named) pkg.types.set(named[1], { kind: 'named', expr: named[2].trim(), file });
  }
}

/** Fields of a struct body starting at `start`; `end` is the line of its closing brace. */
function readStructBody(lines, start) {
  const fields = [];
  let comment = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('}')) return { fields, end: i };
    if (line === '') {
      comment = [];
      continue;
    }
    if (line.startsWith('//')) {
      comment.push(line.replace(/^\/\/\s?/, ''));
      continue;
    }
    const inline = /^(\w+)\s+\*?struct\s*\{\s*$/.exec(line);
    if (inline) {
      const body = readStructBody(lines, i + 1);
      const tag = /`([^`]*)`/.exec(lines[body.end])?.[1] ?? '';
      fields.push({ name: inline[1], type: { inline: body.fields }, tag, comment });
      i = body.end;
      comment = [];
      continue;
    }
    const tag = /`([^`]*)`/.exec(line)?.[1] ?? '';
    const bare = line.replace(/`[^`]*`/, '').replace(/\/\/.*$/, '').trim();
    const named = /^([\w, ]+?)\s+(\S.*)$/.exec(bare);
    if (named && !bare.startsWith('*') && /^[\w, ]+$/.test(named[1]) && !named[1].includes('.')) {
      for (const name of named[1].split(',').map((n) => n.trim())) fields.push({ name, type: named[2].trim(), tag, comment });
    } else if (bare) {
      fields.push({ name: null, type: bare, tag, comment });
    }
    comment = [];
  }
  return { fields, end: lines.length };
}

function tagValue(tag, key) {
  return new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag)?.[1];
}

/**
 * Walks the struct graph from a root type and returns every leaf setting:
 * { path: [json names], env, kind }.
 */
function settingsOf(source, dir, typeName) {
  const out = [];
  const walk = (pkg, file, expr, path, env, comment, seen) => {
    let type = typeof expr === 'string' ? expr.trim() : expr;
    if (typeof type !== 'string') return walkFields(pkg, type.inline, path, seen, file);
    type = type.replace(/^\*/, '');
    const leaf = (kind) => out.push({ path, env, kind });
    if (/^struct\s*\{\s*\}$/.test(type)) return undefined; // config.BaseConfig: methods only
    if (type.startsWith('[]')) return leaf(type === '[]string' ? 'stringList' : 'list');
    if (type.startsWith('map[')) return leaf('map');
    if (type === 'any' || type === 'interface{}' || type === 'json.RawMessage') return leaf('map');
    if (SCALARS.has(type)) return leaf(type.startsWith('int') || type.startsWith('uint') ? 'int' : type === 'bool' ? 'bool' : type.startsWith('float') ? 'float' : 'string');
    if (type === 'time.Duration') return leaf('duration');
    const qualified = /^(\w+)\.(\w+)$/.exec(type);
    const target = qualified ? source.imported(file, qualified[1]) : pkg;
    const name = qualified ? qualified[2] : type;
    const def = target?.types.get(name);
    if (!target || !def) return leaf(qualified ? 'string' : 'string');
    if (name === 'Duration' || target.decoders.has(name)) return leaf(name === 'Duration' ? 'duration' : 'string');
    if (def.kind === 'named') return walk(target, def.file, def.expr, path, env, comment, seen);
    const key = `${target.dir}.${name}`;
    if (seen.has(key)) return undefined; // recursive types have no finite settings
    return walkFields(target, def.fields, path, new Set([...seen, key]), def.file);
  };
  const walkFields = (pkg, fields, path, seen, file) => {
    for (const field of fields) {
      const tag = tagValue(field.tag, source.tagKey);
      const jsonName = tag?.split(',')[0] || (source.tagKey === 'yaml' && field.name ? field.name.toLowerCase() : undefined);
      if (jsonName === '-') continue;
      const envTag = tagValue(field.tag, 'envconfig');
      const env = envTag && envTag !== '-' ? envTag.toUpperCase() : null;
      if (field.name === null || tag?.split(',').includes('inline')) {
        // Embedded: encoding/json flattens it unless the tag names it (yaml.v2: only `,inline`).
        if (jsonName && !tag?.split(',').includes('inline')) walk(pkg, file, field.type, [...path, jsonName], env, field.comment, seen);
        else walk(pkg, file, field.type, path, env, field.comment, seen);
        continue;
      }
      if (!/^[A-Z]/.test(field.name)) continue; // unexported: encoding/json ignores it
      walk(pkg, file, field.type, [...path, jsonName || field.name], env, field.comment, seen);
    }
  };
  const pkg = source.load(dir);
  const def = pkg.types.get(typeName);
  if (!def) throw new Error(`${source.ref}: no type ${typeName} in ${dir}`);
  walkFields(pkg, def.fields, [], new Set([`${dir}.${typeName}`]), def.file);
  return out;
}

// ---- defaults file -----------------------------------------------------------------------------

/** Leaf paths of a defaults YAML with their default text and `# ENV:` marker. */
function defaultsOf(text) {
  const out = new Map();
  if (!text) return out;
  const lines = text.split('\n');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const doc = parseDocument(text);
  const walk = (node, path) => {
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const here = [...path, key];
      if (isMap(pair.value) && pair.value.items.length > 0) {
        walk(pair.value, here);
        continue;
      }
      const line = lines[lineOf(pair.key.range[0])];
      const marker = /#\s*ENV:?\s*([A-Za-z0-9_]+)/.exec(line)?.[1] ?? null;
      let value = '';
      if (isSeq(pair.value)) value = pair.value.items.length === 0 ? '[]' : JSON.stringify(pair.value.toJSON());
      else if (isMap(pair.value)) value = '{}';
      else if (isScalar(pair.value) && pair.value.value !== null) value = String(pair.value.source ?? pair.value.value);
      out.set(here.join('.').toLowerCase(), { path: here.join('.'), value, marker });
    }
  };
  if (isMap(doc.contents)) walk(doc.contents, []);
  return out;
}

// ---- one ref -----------------------------------------------------------------------------------

const COMPONENTS = {
  'kuma-cp': { dir: 'pkg/config/app/kuma-cp', type: 'Config', defaults: ['pkg/config/app/kuma-cp/kuma-cp.defaults.yaml'] },
  // kuma-dp has no defaults file; its golden test output is its defaults marshalled (newer refs only).
  'kuma-dp': { dir: 'pkg/config/app/kuma-dp', type: 'Config', defaults: ['pkg/config/app/kuma-dp/testdata/default-config.golden.yaml'] },
};

const refCache = new Map();
function readRef(ref) {
  if (refCache.has(ref)) return refCache.get(ref);
  const source = new GoSource(ref);
  const result = {};
  for (const [component, spec] of Object.entries(COMPONENTS)) {
    const settings = settingsOf(source, spec.dir, spec.type);
    const defaults = new Map();
    for (const file of spec.defaults) for (const [k, v] of defaultsOf(gitOrNull('show', `${ref}:${file}`))) defaults.set(k, v);
    const byPath = new Map();
    for (const s of settings) {
      const path = s.path.join('.');
      const d = defaults.get(path.toLowerCase());
      byPath.set(path.toLowerCase(), { ...s, path, defaultValue: d?.value, marker: d?.marker ?? null });
    }
    // Keys under a map- or list-valued setting are that setting's content, not settings.
    const containers = settings.filter((s) => s.kind === 'map' || s.kind === 'list').map((s) => `${s.path.join('.').toLowerCase()}.`);
    // An empty mapping in the defaults (`metrics: {}`) is a section whose fields all default to zero.
    const sections = settings.map((s) => s.path.join('.').toLowerCase());
    const defaultsOnly = [...defaults.values()].filter((d) => {
      const path = d.path.toLowerCase();
      return !byPath.has(path) && !containers.some((c) => path.startsWith(c)) && !sections.some((s) => s.startsWith(`${path}.`));
    });
    // Kuma's loader test sets every env variable the config reads: the struct walk must find each.
    const loaderTest = gitOrNull('show', `${ref}:pkg/config/loader_test.go`);
    if (component === 'kuma-cp' && loaderTest) {
      const tested = new Set([...loaderTest.matchAll(/"(KUMA_[A-Z0-9_]+)"\s*:/g)].map((m) => m[1]));
      const found = new Set(settings.map((s) => s.env).filter(Boolean));
      const missed = [...tested].filter((env) => !found.has(env));
      const untested = [...found].filter((env) => !tested.has(env));
      if (missed.length > 0 || untested.length > 0) console.error(`${ref}: loader_test.go and the struct walk differ: missed ${missed.join(' ') || '-'}; not in the test ${untested.join(' ') || '-'}`);
    }
    result[component] = { settings: [...byPath.values()], defaultsOnly };
  }
  refCache.set(ref, result);
  return result;
}

// ---- all refs ----------------------------------------------------------------------------------

const idOf = (component, s) => `${component}|${s.path.toLowerCase()}|${s.env ?? ''}`;

function main() {
  const tags = releaseTags();
  const versions = tags.map(([minor, list]) => ({ label: `2.${minor}`, ref: list[list.length - 1].tag, first: list[0].tag, patches: list }));
  // What master will be released as: the newest "Upgrade to" section of its UPGRADE.md.
  const upcoming = /^## Upgrade to `(\d+)\.(\d+)\.[\dx]+`/m.exec(gitOrNull('show', 'master:UPGRADE.md') ?? '');
  versions.push({ label: 'master', ref: 'master', first: 'master', patches: [], next: upcoming ? `${upcoming[1]}.${upcoming[2]}` : null });
  const entries = new Map();
  const misnamed = new Map();
  const defaultsOnly = new Map();
  const counts = {};
  const caseSensitive = [];
  for (const version of versions) {
    const commit = git('rev-parse', `${version.ref}^{commit}`).trim();
    version.commit = commit;
    const data = readRef(version.ref);
    counts[version.label] = {};
    if (new GoSource(version.ref).tagKey === 'yaml') caseSensitive.push(version.label);
    for (const [component, { settings, defaultsOnly: extra }] of Object.entries(data)) {
      counts[version.label][component] = settings.length;
      for (const s of settings) {
        const id = idOf(component, s);
        const entry = entries.get(id) ?? { component, yamlPath: s.path, env: s.env, versions: [], sincePatch: {} };
        entry.versions.push(version.label);
        // The newest version's facts win: its default, its kind, its comment.
        entry.kind = s.kind;
        entry.yamlPath = s.path;
        if (s.defaultValue !== undefined) entry.defaultValue = s.defaultValue;
        entries.set(id, entry);
        if (s.marker && s.env && s.marker.toUpperCase() !== s.env) {
          const m = misnamed.get(s.marker) ?? { printed: s.marker, yamlPath: s.path, reads: s.env, versions: [] };
          m.versions.push(version.label);
          misnamed.set(s.marker, m);
        }
      }
      for (const d of extra) {
        const key = `${component}|${d.path}`;
        const m = defaultsOnly.get(key) ?? { component, yamlPath: d.path, versions: [] };
        m.versions.push(version.label);
        defaultsOnly.set(key, m);
      }
    }
    console.error(`${version.label} (${version.ref} ${commit.slice(0, 10)}): kuma-cp ${counts[version.label]['kuma-cp']}, kuma-dp ${counts[version.label]['kuma-dp']}`);
  }
  // Backports: keys the newest patch of a minor reads but its .0 does not.
  for (const version of versions) {
    if (version.patches.length < 2) continue;
    const first = readRef(version.first);
    for (const entry of entries.values()) {
      if (!entry.versions.includes(version.label)) continue;
      const inFirst = first[entry.component].settings.some((s) => idOf(entry.component, s) === idOf(entry.component, { path: entry.yamlPath, env: entry.env }));
      if (inFirst) continue;
      let lo = 0;
      let hi = version.patches.length - 1; // the newest reads it
      while (lo + 1 < hi) {
        const mid = (lo + hi) >> 1;
        const data = readRef(version.patches[mid].tag);
        if (data[entry.component].settings.some((s) => idOf(entry.component, s) === idOf(entry.component, { path: entry.yamlPath, env: entry.env }))) hi = mid;
        else lo = mid;
      }
      entry.sincePatch[version.label] = version.patches[hi].tag.replace(/^v/, '');
    }
  }
  const labels = versions.map((v) => v.label);
  const table = {
    comment: 'Generated by scripts/generate-settings-catalogue.mjs from Kuma\'s config structs and defaults files; do not edit. Hand facts live in src/kuma/cp-settings.ts, dp-settings.ts and renames.ts.',
    versions: versions.map((v) => ({ label: v.label, ref: v.ref, commit: v.commit, ...(v.next ? { next: v.next } : {}) })),
    counts,
    /** Versions that match YAML keys with their exact case (gopkg.in/yaml.v2). */
    caseSensitiveYaml: caseSensitive,
    settings: [...entries.values()]
      .sort((a, b) => (a.component + a.yamlPath).localeCompare(b.component + b.yamlPath))
      .map((e) => ({
        component: e.component,
        yamlPath: e.yamlPath,
        env: e.env,
        kind: e.kind,
        defaultValue: e.defaultValue ?? null,
        versions: ranges(e.versions, labels),
        ...(Object.keys(e.sincePatch).length > 0 ? { sincePatch: e.sincePatch } : {}),
      })),
    defaultsFileNames: [...misnamed.values()].map((m) => ({ ...m, versions: ranges(m.versions, labels) })),
    defaultsOnlyKeys: [...defaultsOnly.values()].map((m) => ({ ...m, versions: ranges(m.versions, labels) })),
  };
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, `${JSON.stringify(table, null, 0).replace(/\},\{"component"/g, '},\n{"component"')}\n`);
  console.error(`wrote ${OUTPUT}: ${table.settings.length} settings, ${table.defaultsFileNames.length} defaults-file names Kuma does not read, ${table.defaultsOnlyKeys.length} defaults-file keys without a struct field`);
}

/** ["2.0","2.1","2.3"] over all labels -> "2.0-2.1,2.3". */
function ranges(present, labels) {
  const parts = [];
  let start = null;
  let previous = null;
  for (const label of labels) {
    if (present.includes(label)) {
      start ??= label;
      previous = label;
    } else if (start !== null) {
      parts.push(start === previous ? start : `${start}-${previous}`);
      start = null;
    }
  }
  if (start !== null) parts.push(start === previous ? start : `${start}-${previous}`);
  return parts.join(',');
}

main();
