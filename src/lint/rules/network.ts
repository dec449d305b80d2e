/**
 * Security groups open to the whole internet (0.0.0.0/0 or ::/0) on ports that should never
 * be: administration ports (SSH, RDP, WinRM, Telnet) are an error, database and cache ports a
 * warning. Read from inline `SecurityGroupIngress` rules of `AWS::EC2::SecurityGroup` and from
 * `AWS::EC2::SecurityGroupIngress` resources; a port range (or protocol -1, every port) that
 * includes such a port counts. Values given by parameters are read as their defaults.
 */
import { child, listItems, withParameterDefaults, type Located } from '../intrinsics';
import { textAt } from '../policy';
import { isObject, type JsonPath } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

/** Administration ports: a login prompt for anyone who finds the address. */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5985: 'WinRM (HTTP)',
  5986: 'WinRM (HTTPS)',
};

/** Database and cache ports: data stores that should be reached only by their clients. */
export const DATA_PORTS: Readonly<Record<number, string>> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  9200: 'Elasticsearch/OpenSearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** One ingress rule, located, with where its values are (a `Ref` to a parameter read as its default). */
interface Ingress {
  node: Located;
  /** The open range it allows from: `0.0.0.0/0` or `::/0`, and whether that came from a parameter default. */
  open: { cidr: string; fromParameter?: string } | undefined;
  /** Ports it opens, as an inclusive range; undefined when they cannot be told. */
  ports: { from: number; to: number } | undefined;
}

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

/** The first value of a property, parameter defaults read in place of `Ref`s. */
function propertyValue(props: Located, key: string, ctx: RuleContext): Located | undefined {
  const node = child(props, key);
  return node === undefined ? undefined : withParameterDefaults(listItems(node), ctx.template)[0];
}

function portRange(props: Located, ctx: RuleContext): { from: number; to: number } | undefined {
  const protocol = textAt(propertyValue(props, 'IpProtocol', ctx) ?? { value: null, path: [] })?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return { from: 0, to: 65535 };
  if (protocol !== undefined && !['tcp', 'udp', '6', '17'].includes(protocol)) return undefined; // icmp and others: no ports
  const from = Number(textAt(propertyValue(props, 'FromPort', ctx) ?? { value: null, path: [] }));
  const to = Number(textAt(propertyValue(props, 'ToPort', ctx) ?? { value: null, path: [] }));
  if (!Number.isInteger(from) || !Number.isInteger(to)) return undefined;
  // FromPort/ToPort -1 with tcp or udp: every port.
  return from === -1 || to === -1 ? { from: 0, to: 65535 } : { from, to };
}

function openCidr(props: Located, ctx: RuleContext): Ingress['open'] {
  for (const key of ['CidrIp', 'CidrIpv6']) {
    const v = propertyValue(props, key, ctx);
    const text = v === undefined ? undefined : textAt(v);
    if (text !== undefined && OPEN_CIDRS.has(text)) return { cidr: text, ...(v?.fromParameter ? { fromParameter: v.fromParameter } : {}) };
  }
  return undefined;
}

/** Every ingress rule of the template: inline ones and `AWS::EC2::SecurityGroupIngress` resources. */
function ingressRules(ctx: RuleContext): Ingress[] {
  const out: Ingress[] = [];
  for (const [id, resource] of ctx.resources) {
    const path: JsonPath = ctx.resourceOrigins.get(id)?.path ?? ['Resources', id];
    const props = child({ value: resource, path }, 'Properties');
    if (props === undefined || !isObject(props.value)) continue;
    const rules: Located[] =
      resource['Type'] === 'AWS::EC2::SecurityGroupIngress'
        ? [props]
        : resource['Type'] === 'AWS::EC2::SecurityGroup'
          ? listItems(child(props, 'SecurityGroupIngress') ?? { value: [], path: [] })
          : [];
    for (const node of rules) {
      if (!isObject(node.value)) continue;
      out.push({ node, open: openCidr(node, ctx), ports: portRange(node, ctx) });
    }
  }
  return out;
}

/** The ports of `table` inside the range, as `22 (SSH)`. */
function portsIn(range: { from: number; to: number }, table: Readonly<Record<number, string>>): string[] {
  return Object.entries(table)
    .filter(([port]) => Number(port) >= range.from && Number(port) <= range.to)
    .map(([port, name]) => `${port} (${name})`);
}

const describeRange = (range: { from: number; to: number }): string =>
  range.from === range.to
    ? `port ${range.from}`
    : range.from === 0 && range.to === 65535
      ? 'every port'
      : `ports ${range.from}-${range.to}`;

function openIngress(
  ctx: RuleContext,
  table: Readonly<Record<number, string>>,
  say: (ports: string[], range: string, cidr: string) => string,
): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const rule of ingressRules(ctx)) {
    if (rule.open === undefined || rule.ports === undefined) continue;
    // A range with an administration port is FO130's alone.
    if (table === DATA_PORTS && portsIn(rule.ports, ADMIN_PORTS).length > 0) continue;
    const ports = portsIn(rule.ports, table);
    if (ports.length === 0) continue;
    const via = rule.open.fromParameter === undefined ? '' : `With default parameters (${rule.open.fromParameter}), `;
    const text = say(ports, describeRange(rule.ports), rule.open.cidr);
    reports.push({ path: rule.node.path, message: via === '' ? text : `${via}${text.charAt(0).toLowerCase()}${text.slice(1)}` });
  }
  return reports;
}

export const NETWORK_RULES = [
  defineRule({
    id: 'FO130',
    severity: 'error',
    title: 'Security group open to the internet (0.0.0.0/0 or ::/0) on an administration port (SSH, RDP, WinRM, Telnet)',
    help: 'An administration port open to every address gets password guessing and exploit attempts within minutes of the instance starting; one weak password or unpatched service is a way in.',
    fix: 'Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
    check: (ctx: RuleContext) =>
      openIngress(
        ctx,
        ADMIN_PORTS,
        (ports, range, cidr) =>
          `Ingress from ${cidr} to ${range} opens ${ports.join(', ')} to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.`,
      ),
  }),
  defineRule({
    id: 'FO131',
    severity: 'warning',
    title: 'Security group open to the internet (0.0.0.0/0 or ::/0) on a database or cache port',
    help: 'A database or cache reachable from every address depends on its password alone (Redis and Memcached often have none); only its clients need to reach it.',
    fix: "Allow the clients' security group (SourceSecurityGroupId) or the VPC's range instead of 0.0.0.0/0.",
    check: (ctx: RuleContext) =>
      openIngress(
        ctx,
        DATA_PORTS,
        (ports, range, cidr) =>
          `Ingress from ${cidr} to ${range} opens ${ports.join(', ')} to the whole internet. Allow the clients' security group (SourceSecurityGroupId) or the VPC's range instead.`,
      ),
  }),
] as const;
