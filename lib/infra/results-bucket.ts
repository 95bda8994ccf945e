import { Duration } from 'aws-cdk-lib';
import { Bucket, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HARDENED_BUCKET_PROPS } from './hardened-bucket.ts';
import { Validations } from 'aws-cdk-lib';

/** Properties of {@link ResultsBucket}. */
export interface ResultsBucketProps {
  /**
   * Keep every object version for this many days under S3 Object Lock, so sealed result sets are
   * tamper-evident evidence for audits. Object Lock can only be turned on when the bucket is created.
   * @default undefined (no Object Lock)
   */
  readonly auditRetentionDays?: number;
  /**
   * `GOVERNANCE` lets principals with s3:BypassGovernanceRetention delete early; `COMPLIANCE` lets no one.
   * @default 'GOVERNANCE'
   */
  readonly auditRetentionMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /** Days a replaced or deleted object version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Days server access logs are kept. @default 365 */
  readonly accessLogDays?: number;
}

/**
 * The results bucket (`runs/<id>/...`: inputs, manifests, records, summaries) and the bucket
 * holding its server access logs. Private, TLS-only, encrypted, versioned, owner-enforced,
 * retained when the stack is deleted; optionally under Object Lock.
 */
export class ResultsBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: ResultsBucketProps = {}) {
    super(scope, id);
    // Access-log delivery through a bucket policy (not the LogDeliveryWrite ACL, which
    // BucketOwnerEnforced forbids), whatever the app's feature flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    if (props.auditRetentionDays !== undefined && (!Number.isInteger(props.auditRetentionDays) || props.auditRetentionDays < 1)) {
      throw new Error(`ResultsBucket: auditRetentionDays must be a whole number of days ≥ 1, got ${props.auditRetentionDays}`);
    }
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...HARDENED_BUCKET_PROPS,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays ?? 365), noncurrentVersionExpiration: Duration.days(30) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server-access-log bucket itself; logging its own access would log the logging, recursively.',
    });
    const retention = props.auditRetentionDays === undefined ? undefined : Duration.days(props.auditRetentionDays);
    this.bucket = new Bucket(this, 'Bucket', {
      ...HARDENED_BUCKET_PROPS,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'results/',
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 90), abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      ...(retention && {
        objectLockEnabled: true,
        objectLockDefaultRetention:
          props.auditRetentionMode === 'COMPLIANCE' ? ObjectLockRetention.compliance(retention) : ObjectLockRetention.governance(retention),
      }),
    });
  }
}
