import { Evaluator, isUndecided, parameterReferences, Undecided, type EvaluatedTemplate } from '../../src/template/evaluate';

const template: EvaluatedTemplate = {
  Parameters: { Env: { Type: 'String', Default: 'prod' }, Zones: { Type: 'CommaDelimitedList', Default: 'a,b' }, Bare: { Type: 'String' } },
  Mappings: { Sizes: { prod: { Cpu: '1024' }, dev: { Cpu: '256' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    InUsEast: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
    ProdOrEast: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'InUsEast' }] },
    ProdAndEast: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'InUsEast' }] },
    Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
  },
};
const withDefaults = (values: Record<string, string> = {}): Evaluator =>
  new Evaluator(template, { reference: parameterReferences(template, new Map(Object.entries(values)), { missing: 'default' }) });

describe('Evaluator', () => {
  it('decides conditions from defaults and given values', () => {
    expect(withDefaults().condition('IsProd')).toBe(true);
    expect(withDefaults({ Env: 'dev' }).condition('NotProd')).toBe(true);
  });

  it('lets a decisive operand decide, and says why the rest is undecided', () => {
    expect(withDefaults().condition('ProdOrEast')).toBe(true);
    expect(withDefaults({ Env: 'dev' }).condition('ProdAndEast')).toBe(false);
    expect(withDefaults().condition('ProdAndEast')).toEqual(new Undecided('AWS::Region is known only when the stack is deployed'));
  });

  it('reports a condition that refers to itself as undecided, not a loop', () => {
    expect(withDefaults().condition('Loop')).toEqual(new Undecided('condition Loop refers to itself'));
  });

  it('evaluates FindInMap, Select, Join, Split, Sub and If', () => {
    const e = withDefaults({ Env: 'dev' });
    expect(e.value({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Cpu'] })).toBe('256');
    expect(e.value({ 'Fn::FindInMap': ['Sizes', 'test', 'Cpu', { DefaultValue: '512' }] })).toBe('512');
    expect(e.value({ 'Fn::Select': [1, { Ref: 'Zones' }] })).toBe('b');
    expect(e.value({ 'Fn::Join': ['-', [{ Ref: 'Env' }, 'x']] })).toBe('dev-x');
    expect(e.value({ 'Fn::Split': [',', 'p,q'] })).toEqual(['p', 'q']);
    expect(e.value({ 'Fn::Sub': ['${Env}-${Name}-${!Literal}', { Name: 'n' }] })).toBe('dev-n-${Literal}');
    expect(e.value({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
    expect(e.value([{ 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] }, 'y'])).toEqual(['y']);
  });

  it('says why a parameter without a value, a resource or an AWS-only function is undecided', () => {
    const e = withDefaults();
    expect(e.value({ Ref: 'Bare' })).toEqual(new Undecided('parameter Bare has no value and no Default'));
    expect(e.value({ 'Fn::GetAtt': ['Role', 'Arn'] })).toEqual(
      new Undecided("Fn::GetAtt Role.Arn: a resource's values exist only once the stack has it"),
    );
    expect(isUndecided(e.truth({ 'Fn::Contains': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, 'vpc-1'] }))).toBe(true);
    expect(e.truth({ 'Fn::EachMemberEquals': [[], { 'Fn::ValueOf': ['Vpc', 'Tags'] }] })).toBe(true);
  });

  it('compares as text, and a list only with a list', () => {
    const e = withDefaults();
    expect(e.truth({ 'Fn::Equals': [1, '1'] })).toBe(true);
    expect(e.truth({ 'Fn::Equals': [{ Ref: 'Zones' }, 'a,b'] })).toBe(false);
    expect(e.truth({ 'Fn::Equals': [{ Ref: 'Zones' }, ['a', 'b']] })).toBe(true);
  });
});
