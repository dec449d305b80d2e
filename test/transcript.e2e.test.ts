/**
 * docs/deploy.md's deploy transcript is what the CLI prints today: the same commands run against
 * the local AWS, masked the same way, must give the same lines. When this fails, run
 * `npm run record-transcript` and review the diff.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC, mask, readTranscript, recordTranscript, writeTranscript, BEGIN, END } from '../scripts/transcript';
import { describeWithMoto, startLocalAws } from './moto';

const ROOT = join(__dirname, '..');

describe('the transcript block', () => {
  it("masks times, timestamps, ids, the managed bucket's generated name, hashes and durations, and nothing else", () => {
    expect(mask('12:34:56 +12s     portfolio  AWS::CloudFormation::Stack  CREATE_COMPLETE')).toBe(
      'hh:mm:ss +0s     portfolio  AWS::CloudFormation::Stack  CREATE_COMPLETE',
    );
    expect(mask(`Template: src/template (compiled now), sha256 ${'ab'.repeat(32)} (48533 bytes)`)).toBe(
      'Template: src/template (compiled now), sha256 <sha256> (48533 bytes)',
    );
    expect(mask('Creating change set portfolio-20261206T072824Z ...')).toBe('Creating change set portfolio-YYYYMMDDTHHMMSSZ ...');
    expect(mask('SubnetIds  subnet-0a1b2c3d4e5f60718,subnet-b6f5e5f6dea915c10')).toBe('SubnetIds  subnet-<id>,subnet-<id>');
    expect(mask('AppUrl  https://inhvdoey.execute-api.us-west-2.amazonaws.com')).toBe(
      'AppUrl  https://<api-id>.execute-api.us-west-2.amazonaws.com',
    );
    expect(mask('stack/portfolio/012d8aab-69db-46cc-ac1f-063b65132bc3 --region')).toBe('stack/portfolio/<uuid> --region');
    expect(mask('Stack portfolio: CREATE_COMPLETE in 12s.')).toBe('Stack portfolio: CREATE_COMPLETE in 0s.');
    expect(
      mask(
        'Uploaded the template to https://fargate-oidc-managed-bucket-bucket-9glfk12p7ji8.s3.us-west-2.amazonaws.com/fargate-oidc/portfolio/b4bd9fe7edefe539.yaml (managed bucket fargate-oidc-managed-bucket-bucket-9glfk12p7ji8)',
      ),
    ).toBe(
      'Uploaded the template to https://fargate-oidc-managed-bucket-bucket-<id>.s3.us-west-2.amazonaws.com/fargate-oidc/portfolio/<sha256:16>.yaml (managed bucket fargate-oidc-managed-bucket-bucket-<id>)',
    );
    expect(mask('RetentionInDays: 14 → 30')).toBe('RetentionInDays: 14 → 30');
  });

  it('is read and written between its markers, in a code fence', () => {
    const doc = `# Deploy\n\n${BEGIN}\n\`\`\`\nold\n\`\`\`\n${END}\n\nafter\n`;
    const written = writeTranscript(doc, ['$ new', '0']);
    expect(written).toBe(`# Deploy\n\n${BEGIN}\n\`\`\`\n$ new\n0\n\`\`\`\n${END}\n\nafter\n`);
    expect(readTranscript(written)).toEqual(['$ new', '0']);
    expect(() => writeTranscript('# nothing', [])).toThrow('docs/deploy.md has no');
  });
});

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
describeWithMoto("docs/deploy.md's deploy transcript", () => {
  jest.setTimeout(120_000);

  it('is what the CLI prints now against the local AWS (else: npm run record-transcript)', async () => {
    const inDocs = readTranscript(readFileSync(join(ROOT, DOC), 'utf8'));
    expect(inDocs).toBeDefined();
    // The bundled CLI, as `npm run -s deploy --` runs it (it says where its template came from),
    // bundled to a file of its own (npm pack in another suite writes dist/cli.cjs).
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), 'transcript-cli'], { cwd: ROOT });
    const { endpoint, server } = await startLocalAws();
    try {
      const recorded = await recordTranscript(endpoint, join(ROOT, 'dist', 'transcript', 'cli.cjs'), ROOT);
      expect(recorded.join('\n')).toBe(inDocs?.join('\n'));
    } finally {
      server.kill('SIGTERM');
    }
  });
});
