// Where real deployments put kuma-cp's settings: docker compose `ports:`, ECS task definitions and
// CloudFormation `Environment: [{Name, Value}]` lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../../src/lint/workspace';
import { applyFix, lineOf, only, SINGLE_FILE } from '../fixtures';

function compose(ports: string[], extra = ''): string {
  return `services:\n  control-plane:\n    image: docker.io/kumahq/kuma-cp:2.9.3\n    command: ["run"]\n${extra}    ports:\n${ports.map((p) => `      - ${p}\n`).join('')}`;
}

test('compose: a kuma-cp service publishing "5681:5681" is api-server-http-exposed, with a fix binding it to 127.0.0.1', () => {
  const text = compose(['"5681:5681"', '"5682:5682"']);
  const findings = only(lintText('/c/docker-compose.yaml', text, SINGLE_FILE), 'api-server-http-exposed');
  assert.equal(findings.length, 1);
  const line = lineOf(text, '"5681:5681"');
  assert.deepEqual(findings[0].range, { start: { line, character: 8 }, end: { line, character: 19 } });
  const fixed = applyFix(text, findings[0].fixes[0]);
  assert.match(fixed, /- "127\.0\.0\.1:5681:5681"/);
  assert.deepEqual(only(lintText('/c/docker-compose.yaml', fixed, SINGLE_FILE), 'api-server-http-exposed'), []);
});

test('compose: loopback, HTTPS-only and ranges', () => {
  const exposed = (ports: string[], extra = '') => only(lintText('/c/compose.yaml', compose(ports, extra), SINGLE_FILE), 'api-server-http-exposed').length;
  assert.equal(exposed(['"127.0.0.1:5681:5681"', '"[::1]:5681:5681"', '"5682:5682"']), 0);
  assert.equal(exposed(['"0.0.0.0:5681:5681"']), 1);
  assert.equal(exposed(['5680-5682:5680-5682']), 1);
  assert.equal(exposed(['"5681"']), 1, 'a container port alone is published on every interface');
  assert.equal(exposed(['target: 5681\n        published: 5681']), 1, 'long syntax without host_ip');
  assert.equal(exposed(['target: 5681\n        host_ip: 127.0.0.1']), 0);
  // kuma-cp bound to loopback inside the container, or HTTP off: the published port reaches nothing.
  assert.equal(exposed(['"5681:5681"'], '    environment:\n      KUMA_API_SERVER_HTTP_ENABLED: "false"\n'), 0);
  assert.equal(exposed(['"5681:5681"'], '    environment:\n      - KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n'), 0);
});

test('compose: a service that does not run kuma-cp may publish 5681', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "5681:5681"\n';
  assert.deepEqual(lintText('/c/docker-compose.yaml', text, SINGLE_FILE), []);
});

test('ECS task definition JSON: environment [{name, value}] is workload env, with no comment-inserting fix', () => {
  const taskDefinition = {
    family: 'kuma-cp',
    containerDefinitions: [
      {
        name: 'kuma-cp',
        image: 'kumahq/kuma-cp:2.9.3',
        environment: [
          { name: 'KUMA_API_SERVER_HTTP_INTERFACE', value: '0.0.0.0' },
          { name: 'KUMA_GENERAL_TLS_MIN_VERSION', value: 'TLSv1_1' },
        ],
      },
    ],
  };
  const text = JSON.stringify(taskDefinition, null, 2);
  const findings = lintText('/ecs/task-definition.json', text, SINGLE_FILE);
  const http = only(findings, 'api-server-http-exposed')[0];
  const version = only(findings, 'tls-version-invalid')[0];
  assert.ok(http && version, findings.map((f) => f.rule).join(', '));
  assert.equal(http.range.start.line, lineOf(text, '"0.0.0.0"'));
  assert.equal(version.range.start.line, lineOf(text, '"TLSv1_1"'));
  assert.match(applyFix(text, version.fixes[0]), /"value": "TLSv1_2"/);
  for (const f of findings) for (const fix of f.fixes) assert.ok(!fix.edits.some((e) => e.newText.includes('#')), `${f.rule}: ${fix.title}`);
});

test('CloudFormation AWS::ECS::TaskDefinition: Environment [{Name, Value}] is workload env; an added setting keeps the spelling', () => {
  const text = [
    'Resources:',
    '  ControlPlaneTask:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    '      ContainerDefinitions:',
    '        - Name: kuma-cp',
    '          Image: kumahq/kuma-cp:2.9.3',
    '          Environment:',
    '            - Name: KUMA_API_SERVER_HTTP_ENABLED',
    '              Value: "true"',
    '',
  ].join('\n');
  const [finding] = only(lintText('/cfn/template.yaml', text, SINGLE_FILE), 'api-server-http-exposed');
  assert.ok(finding, 'HTTP enabled explicitly on 0.0.0.0');
  assert.equal(finding.range.start.line, 8);
  const fixed = applyFix(text, finding.fixes.find((f) => /127\.0\.0\.1/.test(f.title))!);
  assert.match(fixed, /- Name: KUMA_API_SERVER_HTTP_INTERFACE\n {14}Value: "127\.0\.0\.1"/);
  assert.deepEqual(only(lintText('/cfn/template.yaml', fixed, SINGLE_FILE), 'api-server-http-exposed'), []);
});
