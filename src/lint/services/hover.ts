// The hover of a position as plain data (Markdown and a range): certificate material (what it is,
// for whom, until when, whether it pairs with the key or CA beside it), Kuma setting names and
// Helm values keys. Any editor shows it; the language server only translates.
import { helmValueMarkdown, settingMarkdown } from '../../kuma';
import { baseName } from '../model/kinds';
import { LintDocument } from '../model/document';
import { Pos, Span } from '../types';
import { describeMaterial } from './describe';
import { pairingRoleOf, roleOfFileName, siblingCertificateNames, siblingKeyNames } from '../../pki/fileRole';
import { caBundlePartners, documentLookup, helmValueAt, materialAt, pairingNotes, Partner, settingAt, WorkspaceLookup } from './locate';
import { itemMarkdown } from './materialMarkdown';

export interface HoverContent {
  markdown: string;
  range: Span;
}

export interface HoverInput {
  doc: LintDocument;
  pos: Pos;
  /** The other parsed files of the workspace (a caBundle pairs with the Secret its values name). */
  documents: () => Iterable<LintDocument>;
  /** The workspace with its live index, when the host has one: then the documents are not indexed again per hover. */
  workspace?: WorkspaceLookup;
  /** The text of a file beside this one, by name (x.crt pairs with x.key); undefined when absent or too large. */
  readSibling: (fileName: string) => string | undefined;
  /** The clock of this hover: "N days left" is counted from it. */
  now: Date;
}

export function hoverAt(input: HoverInput): HoverContent | null {
  const { doc, pos } = input;
  const setting = settingAt(doc, pos);
  if (setting) return { markdown: settingMarkdown(setting.setting), range: setting.range };
  const helmValue = helmValueAt(doc, pos);
  if (helmValue) return { markdown: helmValueMarkdown(helmValue.value), range: helmValue.range };
  const material = materialAt(doc, pos);
  if (!material || material.items.length === 0) return null;
  const partners = [...material.partners];
  const isFile = material.slot.slot.group === 'file';
  if (isFile) partners.push(...siblingPartners(doc.path, input.readSibling));
  const caBundle = caBundlePartners(doc, material.slot.slot, input.workspace ?? documentLookup([doc, ...input.documents()]));
  partners.push(...caBundle.partners);
  const role = isFile ? roleOfFile(doc.path) : material.slot.slot.role;
  const sections = material.items.map(({ item }) =>
    itemMarkdown(item, input.now, [...pairingNotes(item, material.slot.described, role, partners), ...(item.kind === 'certificate' ? caBundle.notes : [])], material.slot.described.encoding),
  );
  const range = material.items.length === 1 ? material.items[0].range : material.slot.slot.value.range;
  return { markdown: sections.join('\n\n---\n\n'), range };
}

/** What a file is for pairing, from its name (tls.key is a key, ca.crt a CA). */
export function roleOfFile(path: string): 'cert' | 'key' | 'ca' | null {
  return pairingRoleOf(roleOfFileName(baseName(path)));
}

/** x.crt pairs with x.key beside it (server.pem with server-key.pem), and both with ca.crt in the same folder (kumactl's layout). */
function siblingPartners(path: string, readSibling: (fileName: string) => string | undefined): Partner[] {
  const name = baseName(path);
  const role = roleOfFile(path);
  const wanted: Array<{ file: string; role: Partner['role'] }> = [];
  if (role === 'key') wanted.push(...siblingCertificateNames(name).map((file) => ({ file, role: 'cert' as const })));
  if (role === 'cert') wanted.push(...siblingKeyNames(name).map((file) => ({ file, role: 'key' as const })), { file: 'ca.crt', role: 'ca' });
  if (role === 'ca') wanted.push({ file: 'tls.crt', role: 'cert' });
  const partners: Partner[] = [];
  for (const { file, role: partnerRole } of wanted) {
    if (file === name) continue;
    const text = readSibling(file);
    const described = text === undefined ? null : describeMaterial(text);
    if (described && described.items.length > 0) partners.push({ label: file, role: partnerRole, described });
  }
  return partners;
}
