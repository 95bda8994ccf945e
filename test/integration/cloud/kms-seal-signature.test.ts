import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsSealSigner } from '../../../lib/cloud-lambda/index.ts';
import { checkSealSignature, keyFileSigner, signSummaryWith } from '../../../lib/engine/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { KMS_REGION, startKmsServer, type KmsServer } from '../../fixtures/kms-server.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

// No real KMS runs here: test/fixtures/kms-server.ts speaks the KMS JSON protocol (GetPublicKey,
// Sign) over P-256 keys made with node:crypto, and the real @aws-sdk/client-kms talks to it.
let kms: KmsServer;
let denying: KmsServer;
let client: KMSClient;
let denyingClient: KMSClient;

const kmsClient = (endpoint: string) => new KMSClient({ endpoint, region: KMS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

beforeAll(async () => {
  kms = await startKmsServer();
  denying = await startKmsServer({ denyGetPublicKey: true });
  client = kmsClient(kms.endpoint);
  denyingClient = kmsClient(denying.endpoint);
});

afterAll(async () => {
  client?.destroy();
  denyingClient?.destroy();
  await kms?.close();
  await denying?.close();
});

const SPEC = `
name: kms-seal
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates: [{ id: oracle, provider: control, kind: oracle }, { id: echo, provider: control, kind: echo }]
scorers: [{ type: includes, reference: "{{answer}}" }]
`;
// Long enough rows that the summary is far above KMS's 4 KB message limit.
const ROWS = Array.from({ length: 40 }, (_, index) => JSON.stringify({ id: `s${index}`, question: `q${index}`, answer: index % 2 ? `q${index}` : 'x' })).join('\n');

async function sealedRun(): Promise<{ dir: string; run: string; summary: Summary }> {
  const dir = makeWorkspace({ 'qa.jsonl': ROWS, 'spec.yaml': SPEC });
  const result = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--quiet'], { cwd: dir });
  expect(result.code).toBe(0);
  const run = join(dir, 'results', 'r');
  return { dir, run, summary: JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as Summary };
}

const writeSummary = (run: string, summary: Summary) => writeFileSync(join(run, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

describe('seal signatures by an AWS KMS key (local KMS fixture)', () => {
  it('signs a sealed run with a KMS key that verify checks against the pinned public key, and catches a forgery', async () => {
    const { dir, run, summary } = await sealedRun();
    const key = kms.createKey();
    const signed = await signSummaryWith(summary, kmsSealSigner({ client, keyId: key.arn }));
    expect(kms.signCalls.get(key.arn)).toBe(1);
    expect(signed.signature).toMatchObject({ algorithm: 'ecdsa-p256-sha256', keyId: key.arn });
    writeSummary(run, signed);
    writeFileSync(join(dir, 'kms.pem'), key.publicKeyPem);

    const ok = await runCli(['verify', run, '--public-key', join(dir, 'kms.pem')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`seal signed by KMS key ${key.arn} (${signed.signature.keyFingerprint}) (the key given)`);

    // Another KMS key, and an Ed25519 key, are not the key that signed.
    const other = kms.createKey();
    writeFileSync(join(dir, 'other.pem'), other.publicKeyPem);
    const wrong = await runCli(['verify', run, '--public-key', join(dir, 'other.pem')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('signed by another key');
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(checkSealSignature(signed, ed)).toMatchObject({ status: 'invalid', problem: expect.stringContaining('signed with ecdsa-p256-sha256') });

    // KMS signs at most 4 KB; the signer sends the payload's digest, so any summary size signs.
    const big = await signSummaryWith({ ...summary, runId: 'x'.repeat(100_000) }, kmsSealSigner({ client, keyId: key.arn }));
    expect(checkSealSignature(big, key.publicKeyPem).status).toBe('valid');

    // A forger who changes the verdict cannot make the old signature fit: the payload changed.
    const forged = { ...signed, passed: !signed.passed };
    expect(checkSealSignature(forged, key.publicKeyPem).status).toBe('invalid');
    // An Ed25519 signature by a key of the forger's own does not pass the pinned KMS key either.
    const { signature: _signature, ...unsigned } = signed;
    const reSigned = await signSummaryWith(unsigned as Summary, keyFileSigner(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    expect(checkSealSignature(reSigned, key.publicKeyPem).status).toBe('invalid');
  });

  it('with kms:Sign only (no GetPublicKey) records the key id, and verify needs the pinned public key', async () => {
    const { dir, run, summary } = await sealedRun();
    const key = denying.createKey();
    const signed = await signSummaryWith(summary, kmsSealSigner({ client: denyingClient, keyId: key.arn }));
    expect(signed.signature).toEqual({ algorithm: 'ecdsa-p256-sha256', keyId: key.arn, value: expect.any(String) });
    writeSummary(run, signed);
    const unpinned = await runCli(['verify', run]);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stderr).toContain(`signed by KMS key ${key.arn} but holds no public key; give it with --public-key`);
    writeFileSync(join(dir, 'kms.pem'), key.publicKeyPem);
    expect((await runCli(['verify', run, '--public-key', join(dir, 'kms.pem')])).code).toBe(0);
    // Given the public key up front, the signer checks every signature KMS returns against it.
    const mismatched = kmsSealSigner({ client: denyingClient, keyId: key.arn, publicKey: denying.createKey().publicKeyPem });
    await expect(mismatched.sign(Buffer.from('payload'))).rejects.toThrow(/does not verify with the key's public key/);
  });

  it('names the key when KMS refuses to sign', async () => {
    const signer = kmsSealSigner({ client, keyId: 'arn:aws:kms:us-east-1:000000000000:key/missing' });
    await expect(signer.sign(Buffer.from('payload'))).rejects.toThrow(/KMS key arn:aws:kms:us-east-1:000000000000:key\/missing: GetPublicKey failed/);
  });
});
