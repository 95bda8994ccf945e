import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeRunAccess, runAccessStatements, type RunAccess } from './run-access.ts';

/** The project root (where package-lock.json and lambdas/ live). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Properties of {@link VerdictFunction}. */
export interface VerdictFunctionProps {
  /** Handler file under `lambdas/`, e.g. `worker.ts`. */
  readonly entry: string;
  readonly description: string;
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** @default 1024 */
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** The parts of every run in the results bucket the function reads and writes. */
  readonly runAccess?: RunAccess;
  /** Every other permission the function has besides writing its own logs. */
  readonly statements?: readonly PolicyStatement[];
  /** @default undefined (unreserved) */
  readonly reservedConcurrentExecutions?: number;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
}

/**
 * One Verdict Lambda: Node.js 24 on arm64 (Graviton: cheaper per GB-second), bundled by the
 * local esbuild (no Docker), JSON logs to its own log group, and an explicit role: no managed
 * policies, only the statements given plus write access to its own log group.
 */
export class VerdictFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: VerdictFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (least privilege, written out in lib/infra)`,
    });
    const statements = [...(props.runAccess ? runAccessStatements(props.runAccess) : []), ...(props.statements ?? [])];
    for (const statement of statements) this.role.addToPolicy(statement);
    if (props.runAccess) acknowledgeRunAccess(this.role, props.runAccess);
    // A custom role gets no AWSLambdaBasicExecutionRole: write to this function's log group only.
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, 'lambdas', props.entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.minutes(5),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_LOG_LEVEL: 'INFO', ...props.environment },
      ...(props.reservedConcurrentExecutions !== undefined && { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK too: the exact versions the tests ran, including lib-storage.
        externalModules: [],
        sourceMap: true,
        minify: true,
        // CommonJS dependencies call require(); give ESM bundles one.
        banner: "import { createRequire as __verdictCreateRequire } from 'node:module'; const require = __verdictCreateRequire(import.meta.url);",
      },
    });
  }
}
