// Hovers on certificate material (what it is, for whom, until when, whether it pairs with the
// key or CA beside it) and on Kuma setting names and Helm values keys (meaning, default, twin).
import * as vscode from 'vscode';
import { helmValueMarkdown, settingMarkdown } from '../kuma';
import { baseName } from '../lint/model/kinds';
import { describeMaterial } from '../pki/describe';
import { pairingRoleOf, roleOfFileName, siblingCertificateNames, siblingKeyNames } from '../pki/fileRole';
import { DocumentModels } from './authoring/documentModels';
import { caBundlePartners, helmValueAt, materialAt, pairingNotes, Partner, settingAt } from './authoring/locate';
import { itemMarkdown } from './authoring/materialMarkdown';
import { workspaceDocuments } from './authoring/workspaceDocuments';
import { toRange } from './convert';
import { LintBackend } from './lintBackend';

/** Sibling files are read for pairing only when they are this small (a PEM file is a few KB). */
const MAX_SIBLING_BYTES = 256 * 1024;

export class AuthoringHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly models: DocumentModels,
    private readonly backendFor: (uri: vscode.Uri) => LintBackend | undefined = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const doc = this.models.get(document);
    if (!doc) return undefined;
    const pos = { line: position.line, character: position.character };
    const setting = settingAt(doc, pos);
    if (setting) return new vscode.Hover(new vscode.MarkdownString(settingMarkdown(setting.setting)), toRange(setting.range));
    const helmValue = helmValueAt(doc, pos);
    if (helmValue) return new vscode.Hover(new vscode.MarkdownString(helmValueMarkdown(helmValue.value)), toRange(helmValue.range));
    const material = materialAt(doc, pos);
    if (!material || material.items.length === 0) return undefined;
    const partners = [...material.partners];
    if (material.slot.slot.group === 'file') partners.push(...(await siblingPartners(document.uri)));
    const caBundle = caBundlePartners(doc, material.slot.slot, [doc, ...workspaceDocuments(this.backendFor(document.uri))]);
    partners.push(...caBundle.partners);
    const role = material.slot.slot.group === 'file' ? roleOfFile(document.uri) : material.slot.slot.role;
    const now = this.now();
    const sections = material.items.map(({ item }) =>
      itemMarkdown(item, now, [...pairingNotes(item, material.slot.described, role, partners), ...(item.kind === 'certificate' ? caBundle.notes : [])], material.slot.described.encoding),
    );
    const range = material.items.length === 1 ? toRange(material.items[0].range) : toRange(material.slot.slot.value.range);
    return new vscode.Hover(new vscode.MarkdownString(sections.join('\n\n---\n\n')), range);
  }
}

function roleOfFile(uri: vscode.Uri): 'cert' | 'key' | 'ca' | null {
  return pairingRoleOf(roleOfFileName(baseName(uri.path)));
}

/** x.crt pairs with x.key beside it (server.pem with server-key.pem), and both with ca.crt in the same folder (kumactl's layout). */
async function siblingPartners(uri: vscode.Uri): Promise<Partner[]> {
  const name = baseName(uri.path);
  const folder = vscode.Uri.joinPath(uri, '..');
  const role = roleOfFile(uri);
  const wanted: Array<{ file: string; role: Partner['role'] }> = [];
  if (role === 'key') wanted.push(...siblingCertificateNames(name).map((file) => ({ file, role: 'cert' as const })));
  if (role === 'cert') wanted.push(...siblingKeyNames(name).map((file) => ({ file, role: 'key' as const })), { file: 'ca.crt', role: 'ca' });
  if (role === 'ca') wanted.push({ file: 'tls.crt', role: 'cert' });
  const partners: Partner[] = [];
  for (const { file, role: partnerRole } of wanted) {
    if (file === name) continue;
    const text = await readSmall(vscode.Uri.joinPath(folder, file));
    const described = text === undefined ? null : describeMaterial(text);
    if (described && described.items.length > 0) partners.push({ label: file, role: partnerRole, described });
  }
  return partners;
}

async function readSmall(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText().length <= MAX_SIBLING_BYTES ? open.getText() : undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_SIBLING_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
