// The control-plane entries of kumactl config files (`controlPlanes[].coordinates.apiServer`).
import { isSeq, Node } from 'yaml';
import { LintDocument } from '../../model/document';
import { YamlDocument, YamlEntry } from '../../model/yaml';

export interface KumactlPlane {
  config: YamlDocument;
  name: string;
  /** The value of `coordinates.apiServer.<key>`, located. */
  apiServer(key: string): YamlEntry | undefined;
}

export function* kumactlPlanes(doc: LintDocument): Iterable<KumactlPlane> {
  const file = doc.yaml;
  if (!file) return;
  for (const config of doc.kumactlConfigs) {
    const planes = file.getNode(config, ['controlPlanes']);
    if (!planes || !isSeq(planes)) continue;
    for (const plane of file.items(config, planes)) {
      const node: Node | null = plane.value;
      yield {
        config,
        name: file.getString(config, ['name'], node) ?? '?',
        apiServer: (key) => file.get(config, ['coordinates', 'apiServer', key], node),
      };
    }
  }
}
