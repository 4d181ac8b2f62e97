// The API server certificate (the Secret `controlPlane.tls.apiServer.secretName` names) against
// the HTTPS addresses kumactl is given for it in the workspace. Reported on the certificate.
import { hostCovered } from '../../certs';
import { apiServerAddresses } from '../../crossfile/api-server';
import { controlPlaneContext, mountedAs } from '../../crossfile/control-plane';
import { entryCertificate } from '../../crossfile/pem';
import { Rule } from '../../rule';
import { echo, echoList } from '../../../pki/redact';

export const apiServerHostname: Rule = {
  id: 'cert-hostname-mismatch',
  defaultSeverity: 'warning',
  summary: "A required host is not covered by the certificate's SANs.",
  kinds: ['secret'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    const index = cpCtx.index();
    for (const secret of doc.secrets) {
      if (!secret.name || !index.isApiServerSecret(secret.name) || !mountedAs(cpCtx, 'apiServer', secret.name, doc.path, secret.nameRange)) continue;
      const entry = secret.entries.find((e) => e.key === 'tls.crt');
      const cert = entryCertificate(entry);
      if (!entry || !cert) continue;
      const { dnsNames, ipAddresses } = cert.facts;
      for (const client of index.apiClients()) {
        for (const address of apiServerAddresses(client)) {
          if (hostCovered(address.host, dnsNames, ipAddresses)) continue;
          const sans = [...dnsNames, ...ipAddresses];
          ctx.report({
            range: entry.keyRange,
            message: `tls.crt of Secret ${echo(secret.name)} (the API server certificate) does not cover ${echo(address.host)}, the address kumactl uses; kumactl fails with "x509: certificate is valid for ${echoList(sans) || 'no names'}, not ${echo(address.host)}". Re-issue it with ${echo(address.host)} among its SANs.`,
            related: [{ path: address.doc.path, range: address.range, message: `kumactl connects to ${echo(address.host)} here` }],
          });
        }
      }
    }
  },
};
