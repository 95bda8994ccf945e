/**
 * What each summary metric means and what it cannot tell, in one place: the facts of
 * docs/metrics.md (its index and sections), for the audit dossier and anything else that must
 * explain a number to a reviewer. `test/unit/report/metric-definitions.test.ts` keeps the two in
 * step: every metric the docs index names has an entry here, and every § cited exists there.
 */

export interface MetricDefinition {
  /** The metric name or family as docs/metrics.md writes it (`latency.{mean,p50,…}_ms`). */
  readonly name: string;
  readonly definition: string;
  /** What the number does not show, or how it misleads when read alone. */
  readonly limitation: string;
  /** docs/metrics.md sections, e.g. `4.4`; empty when the docs have none. */
  readonly sections: readonly string[];
}

interface Entry extends MetricDefinition {
  readonly matches: (metric: string) => boolean;
}

const exact = (...names: string[]) => (metric: string) => names.includes(metric);
const pattern = (regex: RegExp) => (metric: string) => regex.test(metric);

const ENTRIES: readonly Entry[] = [
  {
    name: 'accuracy',
    matches: exact('accuracy'),
    definition: 'Share of items the primary (first) scorer passes; a failed call counts as a failure. With repeats or clusters: the mean over samples of each sample’s mean over repeats.',
    limitation: 'Only as good as the primary scorer and the dataset; repeats are not extra samples, and the interval is clustered only when the spec names a cluster field.',
    sections: ['4.1', '4.2', '4.4'],
  },
  {
    name: 'score.<id>',
    matches: pattern(/^score\./),
    definition: 'Mean of one scorer’s values in [0, 1]; errors score 0.',
    limitation: 'A mean of partial credit hides how it is spread; read it with the per-sample view.',
    sections: ['4.1'],
  },
  {
    name: 'accuracy.pass@k',
    matches: pattern(/^accuracy\.pass@\d+$/),
    definition: 'pass@k by the unbiased estimator 1 − C(n−c, k)/C(n, k) over n repeats with c passing, averaged over samples (Chen et al. 2021).',
    limitation: 'Needs at least k repeats per sample; n counts samples, not repeats.',
    sections: ['4.8'],
  },
  {
    name: 'accuracy.repeat_sd, accuracy.agreement',
    matches: exact('accuracy.repeat_sd', 'accuracy.agreement', 'accuracy.consistency'),
    definition: 'Spread of accuracy across repeats, and the share of samples whose repeats agree.',
    limitation: 'Describes sampling noise of the model at the spec’s temperature, not quality.',
    sections: ['4.8'],
  },
  {
    name: 'errors.rate',
    matches: exact('errors.rate'),
    definition: 'Share of items whose call failed after its retries.',
    limitation: 'Counts failures of the endpoint as run, not of the model: a throttled or misconfigured endpoint raises it.',
    sections: ['4.4'],
  },
  {
    name: 'bias.bbq.ambig, bias.bbq.disambig',
    matches: exact('bias.bbq.ambig', 'bias.bbq.disambig'),
    definition: 'BBQ bias scores (Parrish et al. 2022): s_DIS = 2·(biased / non-UNKNOWN) − 1 on disambiguated rows; s_AMB = (1 − accuracy) · s on ambiguous rows. In [−1, 1]; 0 is no measured bias; the report prints them ×100 as the paper does.',
    limitation: 'Measures one kind of stereotype reliance on BBQ’s templates only; null when no answer is non-UNKNOWN; intervals resample templates (question_index), and one template gives no interval.',
    sections: ['1.3', '4.2'],
  },
  {
    name: 'accuracy.bbq.ambig, accuracy.bbq.disambig',
    matches: exact('accuracy.bbq.ambig', 'accuracy.bbq.disambig'),
    definition: 'BBQ accuracy per context condition.',
    limitation: 'High ambiguous accuracy means the model answers UNKNOWN; it says nothing of the answers it does give.',
    sections: ['1.3'],
  },
  {
    name: 'fairness.positive_rate',
    matches: exact('fairness.positive_rate'),
    definition: 'Share of positive decisions, overall and per group (byCategory), with Wilson intervals.',
    limitation: 'A rate per group, not a test of a difference; small groups have wide intervals.',
    sections: ['3.1', '4.4'],
  },
  {
    name: 'fairness.parity_difference',
    matches: exact('fairness.parity_difference'),
    definition: 'Highest minus lowest group positive rate (Fairlearn demographic_parity_difference).',
    limitation: 'Depends only on the two extreme groups; groups without a valid decision are left out.',
    sections: ['3.1'],
  },
  {
    name: 'fairness.disparate_impact',
    matches: exact('fairness.disparate_impact'),
    definition: 'Lowest over highest group positive rate (Fairlearn demographic_parity_ratio); flagged below 0.8, the US EEOC four-fifths rule (29 CFR §1607.4(D)).',
    limitation: 'The four-fifths rule is a screen, not a significance test: a ratio whose interval crosses 0.8 is inconclusive either way.',
    sections: ['3.1'],
  },
  {
    name: 'fairness.flip_rate',
    matches: exact('fairness.flip_rate'),
    definition: 'Share of base rows whose decision changes across counterfactual variants that differ only in the group value (Garg et al. 2019).',
    limitation: 'Only the attributes and values the spec varies are tested; a low rate is not evidence of fairness on others.',
    sections: ['3.2'],
  },
  {
    name: 'fairness.refusal_rate',
    matches: exact('fairness.refusal_rate'),
    definition: 'Share of refusals, per group, with the difference between groups.',
    limitation: 'Refusals are detected by a rule, which can miss polite or partial refusals.',
    sections: ['3.1'],
  },
  {
    name: 'privacy.pii_leak_rate',
    matches: exact('privacy.pii_leak_rate'),
    definition: 'Share of outputs with at least one detected item of personal data, with counts by type.',
    limitation: 'Pattern detectors (checksums cut false positives) find formatted data such as e-mails and card numbers, not names or free-text facts.',
    sections: ['7'],
  },
  {
    name: 'latency.{mean,p50,p90,p95,p99}_ms',
    matches: pattern(/^latency\./),
    definition: 'End-to-end request latency: from just before the request is sent to its last byte; retries’ waits excluded. Percentiles are numpy’s linear (type 7).',
    limitation: 'Measured from this client under this run’s load and network; a tail percentile needs its n (p99 needs about 100 requests).',
    sections: ['6.1', '6.3'],
  },
  {
    name: 'ttft.*_ms, tpot.*_ms, itl.*_ms',
    matches: pattern(/^(ttft|tpot|itl)\./),
    definition: 'Time to first content chunk (streaming only), time per output token after the first, and gaps between content chunks.',
    limitation: 'ITL is per chunk, not per token; TTFT exists only for streamed calls.',
    sections: ['6.1'],
  },
  {
    name: 'throughput.output_tokens_per_s, throughput.requests_per_s',
    matches: pattern(/^throughput\./),
    definition: 'Total output tokens, or completed requests, over the wall time of the run.',
    limitation: 'Depends on the concurrency the run used; not a property of the model alone.',
    sections: ['6.1'],
  },
  {
    name: 'goodput.rate, goodput.requests_per_s',
    matches: pattern(/^goodput\./),
    definition: 'Requests meeting every latency SLO the spec gives, as a share and per second.',
    limitation: 'Meaningful only for the SLOs stated; requests lacking a needed timing are counted as unmeasured.',
    sections: ['6.1'],
  },
  {
    name: 'tokens.input, tokens.output',
    matches: pattern(/^tokens\./),
    definition: 'Token totals, from the server’s usage or else a local tokenizer (source says which).',
    limitation: 'A local tokenizer may count differently from the provider’s billing.',
    sections: ['6.1'],
  },
  {
    name: 'cost.usd, cost.per_correct_usd, cost.per_1k_samples_usd',
    matches: pattern(/^cost\./),
    definition: 'Tokens times the candidate’s price per million tokens as the spec states it.',
    limitation: 'Only as right as the prices in the spec; records without token counts are uncounted, not free.',
    sections: [],
  },
];

/** The definition of a metric by its summary name, or null for a name the docs do not define. */
export function metricDefinition(metric: string): MetricDefinition | null {
  const entry = ENTRIES.find((candidate) => candidate.matches(metric));
  if (!entry) return null;
  const { matches: _matches, ...definition } = entry;
  return definition;
}

/** Every definition, in the docs' order. */
export function metricDefinitions(): MetricDefinition[] {
  return ENTRIES.map(({ matches: _matches, ...definition }) => definition);
}
