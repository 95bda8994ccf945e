import { z } from 'zod';
import { RunIdSchema as RunId } from '../results/index.ts';

/** The orchestrator's event: start the run whose input is already under `runs/<id>/input/`. */
export const RunRequestEventSchema = z.object({ runId: RunId }).strict();
export type RunRequestEvent = z.infer<typeof RunRequestEventSchema>;

/** The orchestrator's answer: the plan it dispatched, or why the run could not start. */
export const RunResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    runId: z.string(),
    location: z.string(),
    items: z.number().int().nonnegative(),
    shardSize: z.number().int().positive(),
    shards: z.number().int().nonnegative(),
    dispatched: z.number().int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type RunResponse = z.infer<typeof RunResponseSchema>;

/** A worker's event: one shard of one run (well under the 256 KB async payload limit). */
export const ShardTaskSchema = z
  .object({
    schemaVersion: z.literal(1),
    runId: RunId,
    shardId: z.string().regex(/^shard-\d{5,}$/),
    start: z.number().int().nonnegative(),
    size: z.number().int().positive(),
  })
  .strict();
export type ShardTask = z.infer<typeof ShardTaskSchema>;

/**
 * The worker's event from the state machine: a shard to run, or (from the map's Catch, with
 * `failure` set) a shard whose worker kept failing, to be written as error records.
 */
export const WorkerEventSchema = ShardTaskSchema.extend({
  failure: z.object({ error: z.string(), cause: z.string().nullish() }).strict().optional(),
}).strict();
type WorkerEvent = z.infer<typeof WorkerEventSchema>;

/** The part of an S3 notification the aggregator reads. */
export const S3NotificationSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string().optional(),
      s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
    }),
  ),
});
type S3Notification = z.infer<typeof S3NotificationSchema>;

/**
 * What Lambda sends to an on-failure destination after the last async retry
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export const FailureDestinationRecordSchema = z.looseObject({
  requestContext: z.looseObject({
    requestId: z.string().optional(),
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative().optional(),
  }),
  requestPayload: z.unknown(),
  responsePayload: z.looseObject({ errorType: z.string().optional(), errorMessage: z.string().optional() }).nullish(),
});
export type FailureDestinationRecord = z.infer<typeof FailureDestinationRecordSchema>;

/** The same news through EventBridge ("Object Created" from aws.s3), as the stack routes it. */
export const EventBridgeObjectCreatedSchema = z.object({
  source: z.literal('aws.s3'),
  'detail-type': z.string(),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});

/**
 * The object keys an S3 notification or an EventBridge S3 event is about; null for any other
 * event. Notification keys are URL-encoded and decoded here; EventBridge keys are used as they are.
 */
export function objectKeysOf(event: unknown): string[] | null {
  const notification = S3NotificationSchema.safeParse(event);
  if (notification.success) return notification.data.Records.map((record) => decodeS3Key(record.s3.object.key));
  const bridged = EventBridgeObjectCreatedSchema.safeParse(event);
  return bridged.success ? [bridged.data.detail.object.key] : null;
}

/** S3 event keys are URL-encoded with "+" for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
