import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Properties of {@link FailureQueue}. */
export interface FailureQueueProps {
  /** Must cover the failure handler's timeout (Lambda requires it). @default Duration.minutes(30) */
  readonly visibilityTimeout?: Duration;
}

/**
 * Where Lambda sends a shard (or an aggregation) it gave up on after its async retries. The
 * failure handler consumes it; messages it cannot handle go to a dead-letter queue. Alarms fire
 * on any failure record and on anything in the dead-letter queue.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly failuresAlarm: Alarm;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: FailureQueueProps = {}) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: props.visibilityTimeout ?? Duration.minutes(30),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.failuresAlarm = new Alarm(this, 'FailuresAlarm', {
      alarmDescription: 'A Verdict worker or aggregator failed every retry; its items were recorded as errors. Check the worker logs.',
      metric: this.queue.metricNumberOfMessagesSent({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'The Verdict failure handler could not record a failed shard; a run may not seal. Inspect the dead-letter queue.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
