import { createHash, type Hash } from 'node:crypto';
import { canonicalLineOf, storedFormOf, type Manifest, type ResultRecord } from '../results/index.ts';
import { writeCanonicalJson } from './canonical-json.ts';

/**
 * What a sealed summary says about the evidence it was computed from: SHA-256 digests of the
 * manifest and of every record, so `verdict verify` can show that neither changed since.
 * Digests are over JSON of the parsed objects (the manifest with its keys sorted), so they do not
 * depend on how a store encodes bytes; a manifest of an older version is digested as stored, not
 * as upgraded (`storedFormOf`), so a run sealed by an older Verdict still verifies. Records are
 * taken in store order (shards by id, lines in order) as the store's record schema parses them. A line that is already exactly that JSON (as
 * Verdict writes them) is hashed as it is, without serialising the record again.
 */
export interface RunIntegrity {
  readonly algorithm: 'sha256';
  readonly manifestSha256: string;
  readonly recordsSha256: string;
  readonly records: number;
}

/** Digests a run's manifest and records as they stream past. */
export class RunDigest {
  private readonly records: Hash = createHash('sha256');
  /** Lines not hashed yet: one hash update per ~64 KB, not per record (the same digest, far fewer native calls). */
  private pending = '';
  private count = 0;

  constructor(private readonly manifest: Manifest) {}

  add(record: ResultRecord): void {
    this.pending += `${canonicalLineOf(record) ?? JSON.stringify(record)}\n`;
    if (this.pending.length >= 65_536) {
      this.records.update(this.pending);
      this.pending = '';
    }
    this.count++;
  }

  result(): RunIntegrity {
    // Hashed as it is written: a 1M-sample manifest's text (17 MB) is never held at the seal's peak.
    const manifest = createHash('sha256');
    writeCanonicalJson(storedFormOf(this.manifest) ?? this.manifest, (chunk) => manifest.update(chunk));
    return {
      algorithm: 'sha256',
      manifestSha256: manifest.digest('hex'),
      recordsSha256: this.records.update(this.pending).digest('hex'),
      records: this.count,
    };
  }
}

/** What differs between the integrity a summary recorded and the one computed now (empty: intact). */
export function compareIntegrity(recorded: RunIntegrity, computed: RunIntegrity): string[] {
  const problems: string[] = [];
  if (recorded.manifestSha256 !== computed.manifestSha256) problems.push('manifest.json changed since the run was sealed');
  if (recorded.records !== computed.records) problems.push(`${computed.records} records now, ${recorded.records} when sealed`);
  else if (recorded.recordsSha256 !== computed.recordsSha256) problems.push('records changed since the run was sealed');
  return problems;
}
