import { Duration, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HARDENED_BUCKET_PROPS } from './hardened-bucket.ts';

/** Properties of {@link ReportSite}. */
export interface ReportSiteProps {
  /** Bucket for the site bucket's server access logs. */
  readonly accessLogs: IBucket;
  /** @default PriceClass.PRICE_CLASS_100 (North America and Europe edges) */
  readonly priceClass?: PriceClass;
}

/**
 * The report site: a private bucket served only through CloudFront with Origin Access Control
 * (the bucket policy grants read to this one distribution), HTTPS only, and security headers
 * (HSTS, a strict content security policy, no framing, no sniffing, no referrer).
 */
export class ReportSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ReportSiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      ...HARDENED_BUCKET_PROPS,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'report-site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Verdict report: security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Verdict reports',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
        compress: true,
      },
    });
    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    acknowledge('AwsSolutions-CFR1', 'Reports are for the team that deploys the stack, wherever it works; no country needs blocking. Add geoRestriction for your jurisdiction if required.');
    acknowledge('AwsSolutions-CFR2', 'A static, read-only site with no forms or API behind it; a WAF web ACL (a monthly cost) adds little. Attach one via webAclId if your policy requires it.');
    acknowledge('AwsSolutions-CFR3', 'CloudFront standard logs need an ACL-enabled bucket, which conflicts with BucketOwnerEnforced; origin fetches are recorded by the site bucket\'s S3 server access logs.');
    acknowledge('AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot pin a minimum TLS version; use a custom domain and certificate (TLSv1.2_2021) for that. Viewers are still HTTPS-only.');
  }

  /** The site's URL. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
