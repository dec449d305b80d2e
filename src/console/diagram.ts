/**
 * `out/diagram.md`: a Mermaid flowchart of the template's resources and their references, so
 * people see what gets created before they create it (GitHub renders Mermaid in Markdown).
 *
 * Each resource is a node (logical id and type; a conditional one is dashed and names its
 * condition; one kept on delete says so). An arrow goes from a resource to each resource it
 * references through Ref, Fn::GetAtt or a `${...}` of Fn::Sub (both branches of an Fn::If count),
 * a dotted arrow to each resource of its DependsOn. Nodes are grouped by service. Pure and
 * deterministic: nodes in template order, edges sorted. No imports beyond types, so the build
 * stays fast.
 */
import type { Json } from '../template/cfn';

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A resource as a node. */
export interface DiagramNode {
  id: string;
  type: string;
  condition?: string;
  retained: boolean;
  group: DiagramGroup;
}

/** An arrow: `from` references `to` (or, kind "dependsOn", waits for it). */
export interface DiagramEdge {
  from: string;
  to: string;
  kind: 'reference' | 'dependsOn';
}

/** The groups, in the order they are drawn. */
export const DIAGRAM_GROUPS = [
  { id: 'iam', label: 'GitHub and IAM' },
  { id: 'registry', label: 'Registry and logs' },
  { id: 'network', label: 'Network' },
  { id: 'ecs', label: 'ECS' },
  { id: 'frontdoor', label: 'Front door' },
  { id: 'deployer', label: 'Deployer' },
  { id: 'other', label: 'Other' },
] as const;

export type DiagramGroup = (typeof DIAGRAM_GROUPS)[number]['id'];

/** The group of a resource: the front door's and the deployer's by logical id (`FrontDoor...`, `Deployer...`), the others by type. */
export function groupOf(type: string, logicalId = ''): DiagramGroup {
  if (logicalId.startsWith('FrontDoor')) return 'frontdoor';
  if (logicalId.startsWith('Deployer')) return 'deployer';
  if (/^AWS::IAM::/.test(type)) return 'iam';
  if (/^AWS::(ECR|Logs)::/.test(type)) return 'registry';
  if (/^AWS::EC2::/.test(type) || type === 'AWS::CloudFormation::WaitConditionHandle') return 'network';
  if (/^AWS::ECS::/.test(type)) return 'ecs';
  return 'other';
}

/** The nodes and edges of a template (plain JSON form). */
export function diagramGraph(template: Obj): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const resources = isObj(template['Resources']) ? template['Resources'] : {};
  const ids = new Set(Object.keys(resources));
  const nodes: DiagramNode[] = [];
  const edges = new Map<string, DiagramEdge>();
  const add = (from: string, to: string, kind: DiagramEdge['kind']): void => {
    if (ids.has(to) && to !== from) edges.set(`${from} ${to} ${kind}`, { from, to, kind });
  };
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObj(resource)) continue;
    const type = typeof resource['Type'] === 'string' ? resource['Type'] : '?';
    const node: DiagramNode = { id, type, retained: resource['DeletionPolicy'] === 'Retain', group: groupOf(type, id) };
    if (typeof resource['Condition'] === 'string') node.condition = resource['Condition'];
    nodes.push(node);
    const deps = resource['DependsOn'];
    for (const dep of Array.isArray(deps) ? deps : deps === undefined ? [] : [deps]) {
      if (typeof dep === 'string') add(id, dep, 'dependsOn');
    }
    // References in Metadata order resources too (network.ts's NetworkReady uses that).
    for (const part of [resource['Properties'], resource['Metadata']]) {
      for (const target of references(part, new Set())) add(id, target, 'reference');
    }
  }
  const sorted = [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind));
  return { nodes, edges: sorted };
}

/** Code-unit order (localeCompare would load ICU's collator: milliseconds the build does not need). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names referenced by Ref, Fn::GetAtt and Fn::Sub in `value` (parameters and pseudo parameters included; the caller keeps resources). */
function references(value: Json | undefined, subVars: ReadonlySet<string>): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => references(v, subVars));
  if (!isObj(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const fn = keys[0] as string;
    const arg = value[fn];
    if (fn === 'Ref' && typeof arg === 'string') return subVars.has(arg) ? [] : [arg];
    if (fn === 'Fn::GetAtt') {
      const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      return typeof target === 'string' ? [target] : [];
    }
    if (fn === 'Fn::Sub') {
      const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
      const local = new Set([...subVars, ...Object.keys(isObj(vars) ? vars : {})]);
      const found = isObj(vars) ? references(vars, subVars) : [];
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = (m[1] as string).split('.')[0] as string;
          if (!local.has(name)) found.push(name);
        }
      }
      return found;
    }
  }
  return Object.values(value).flatMap((v) => references(v, subVars));
}

/** A node's Mermaid line. */
function nodeLine(n: DiagramNode): string {
  const notes = [n.condition ? `only if ${n.condition}` : '', n.retained ? 'kept on stack delete' : ''].filter((x) => x !== '');
  const label = [n.id, n.type, ...notes.map((x) => `<i>${x}</i>`)].join('<br/>');
  return `${n.id}["${label}"]${n.condition ? ':::conditional' : ''}`;
}

/** The Mermaid flowchart. */
export function renderMermaid(template: Obj): string {
  const { nodes, edges } = diagramGraph(template);
  const lines = ['flowchart LR'];
  for (const g of DIAGRAM_GROUPS) {
    const members = nodes.filter((n) => n.group === g.id);
    if (members.length === 0) continue;
    lines.push(`  subgraph group_${g.id}["${g.label}"]`);
    for (const n of members) lines.push(`    ${nodeLine(n)}`);
    lines.push('  end');
  }
  for (const e of edges) lines.push(e.kind === 'reference' ? `  ${e.from} --> ${e.to}` : `  ${e.from} -. DependsOn .-> ${e.to}`);
  lines.push('  classDef conditional stroke-dasharray: 5 5');
  return `${lines.join('\n')}\n`;
}

/** The logical id of the first resource of `type`, if the template has one. */
function firstOfType(template: Obj, type: string): string | undefined {
  const resources = isObj(template['Resources']) ? template['Resources'] : {};
  return Object.entries(resources).find(([, r]) => isObj(r) && r['Type'] === type)?.[0];
}

/**
 * The path a visitor's request takes, as a Mermaid flowchart: through the front door (HTTP API
 * and function) when the template has one, else straight to the task's public IP; `undefined`
 * without an ECS service.
 */
export function renderRequestPath(template: Obj): string | undefined {
  const service = firstOfType(template, 'AWS::ECS::Service');
  if (!service) return undefined;
  const api = firstOfType(template, 'AWS::ApiGatewayV2::Api');
  const fn = firstOfType(template, 'AWS::Lambda::Function');
  const schedule = firstOfType(template, 'AWS::Scheduler::Schedule');
  // The private layout (src/template/network.ts): the function in the VPC, the task IPv6-only.
  const egress = firstOfType(template, 'AWS::EC2::EgressOnlyInternetGateway');
  const lines = ['flowchart LR', '  Visitor(["Visitor"])'];
  if (api && fn) {
    const reach = egress
      ? "task running: HTTP to its IPv6 address in the VPC, ContainerPort (only the front door's security group may)"
      : 'task running: HTTP to its public IP, ContainerPort';
    lines.push(
      `  Visitor -- "HTTPS (PublicAccess https)" --> ${api}["${api}<br/>HTTP API"]`,
      `  ${api} -- "every request" --> ${fn}["${fn}<br/>Lambda"]`,
      `  ${fn} -- "${reach}" --> ${service}["${service}<br/>the app's task"]`,
      `  ${fn} -. "no task: desired count 1, answers 'starting'" .-> ${service}`,
    );
    if (schedule)
      lines.push(`  ${schedule}["${schedule}<br/>every 5 minutes"] -. "idle check: desired count 0 after IdleMinutes" .-> ${fn}`);
    if (egress) {
      lines.push(
        `  ${service} -- "image, logs, secrets, the app's own calls: IPv6, outbound only" --> ${egress}["${egress}<br/>no inbound, no hourly charge"]`,
      );
    }
    lines.push(`  Visitor -. "HTTP to the task's IP (PublicAccess public-ip)" .-> ${service}`);
  } else {
    lines.push(`  Visitor -- "HTTP to the task's public IP, ContainerPort" --> ${service}["${service}<br/>the app's task"]`);
  }
  return `${lines.join('\n')}\n`;
}

/** `out/diagram.md`. */
export function renderDiagramMarkdown(template: Obj): string {
  const path = renderRequestPath(template);
  return [
    '# What the stack creates',
    '',
    '<!-- Generated by fargate-oidc (npm run build) from src/template. Do not edit. -->',
    '',
    'Each box is a resource of `out/template.yaml`: its logical id and type. A dashed box exists only when',
    'its condition is true (e.g. `CreateVpc`: no existing VPC given). An arrow points from a resource to one',
    'it references (`Ref`, `Fn::GetAtt`, `Fn::Sub`); a dotted arrow to one it waits for (`DependsOn`).',
    '',
    '```mermaid',
    renderMermaid(template).trimEnd(),
    '```',
    '',
    ...(path
      ? [
          '## The path a request takes',
          '',
          'A dashed arrow is what happens only sometimes: a start on the first request, the idle stop, or the',
          'direct path when `PublicAccess` is `public-ip` (then the front door does not exist, and the task has',
          'a public IP with its port open, as it also has where the private layout does not apply: see',
          '`TaskNetwork` in the stack outputs).',
          '',
          '```mermaid',
          path.trimEnd(),
          '```',
          '',
        ]
      : []),
  ].join('\n');
}
