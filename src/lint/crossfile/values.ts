// The Helm values each document configures a control plane with, as the chart will see them:
// a values file together with the `--set` of the install lines that pass it with -f, and an
// install line together with the workspace values files it passes. Rules read these views
// (model/values.ts) and report only what the document itself writes.
import { LintDocument } from '../model/document';
import { commandValuesLayer, HelmValues, layeredValues, ValuesLayer, yamlValuesLayer } from '../model/values';
import { ControlPlaneContext } from './control-plane';
import { resolveWorkspaceFile } from './paths';

// Per lint: the index object is one lint's (its answers record that lint's dependencies), so the
// rules of one lint share the views and the next lint computes them again.
const cache = new WeakMap<LintDocument, { index: object; views: HelmValues[] }>();

export function helmValuesOf(doc: LintDocument, ctx: ControlPlaneContext): HelmValues[] {
  const index = ctx.index();
  const known = cache.get(doc);
  if (known && known.index === index) return known.views;
  const views: HelmValues[] = [];
  if (doc.yaml && doc.helmValues.length > 0) {
    const overrides = index.installLinesPassing(doc.path).map(({ command, path }) => commandValuesLayer(command, path));
    for (const { doc: d } of doc.helmValues) {
      views.push(layeredValues({ origin: 'values', path: doc.path, partial: false, yamlDoc: d, command: null }, [...overrides, yamlValuesLayer(doc.yaml, d, doc.path)]));
    }
  }
  for (const command of doc.commands) {
    if (command.kind !== 'install') continue;
    const layers: ValuesLayer[] = [commandValuesLayer(command, doc.path)];
    let partial = command.reusesValues;
    // Helm merges -f files left to right, so the last one wins: look it up first.
    for (const file of [...command.valuesFiles].reverse()) {
      const values = file.dynamic ? null : resolveWorkspaceFile(ctx.get, doc.path, file.value);
      if (!values?.yaml) {
        partial = true;
        continue;
      }
      for (const { doc: d } of values.helmValues) layers.push(yamlValuesLayer(values.yaml, d, values.path));
    }
    views.push(layeredValues({ origin: 'command', path: doc.path, partial, yamlDoc: null, command }, layers));
  }
  cache.set(doc, { index, views });
  return views;
}
