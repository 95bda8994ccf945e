import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Effect, PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './verdict-function.ts';

/** Properties of {@link CodeSandbox}. */
export interface CodeSandboxProps {
  /** Programs of one language that may run at once (reserved concurrency of each function). @default 20 */
  readonly reservedConcurrency?: number;
  /** @default 1024 (also the CPU share a program gets) */
  readonly memorySize?: number;
  /** A program's own limit is at most 60 s; the function stops shortly after. @default Duration.seconds(75) */
  readonly timeout?: Duration;
}

/**
 * Where cloud runs execute model-written code: one function per language (Python 3.15 and
 * Node.js 24), invoked synchronously by the workers, each in a VPC of isolated subnets only — no
 * internet or NAT gateway, no VPC endpoints, and a security group that allows no traffic out —
 * so a program has no network route at all, not even to AWS APIs. Each function's role may only
 * write its own log group (plus the network-interface actions Lambda needs to attach to the VPC,
 * which are of no use without a route). Reserved concurrency caps what a run can spend; the short
 * timeout stops a runaway invocation.
 */
export class CodeSandbox extends Construct {
  readonly vpc: Vpc;
  readonly python: LambdaFunction;
  readonly javascript: NodejsFunction;

  constructor(scope: Construct, id: string, props: CodeSandboxProps = {}) {
    super(scope, id);
    const reserved = props.reservedConcurrency ?? 20;
    if (!Number.isInteger(reserved) || reserved < 1) throw new Error(`CodeSandbox: reservedConcurrency must be a whole number ≥ 1, got ${reserved}`);
    this.vpc = new Vpc(this, 'Network', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      restrictDefaultSecurityGroup: true,
    });
    const flowLogs = new LogGroup(this, 'FlowLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    // Every attempt a program makes to reach out is rejected, and recorded here.
    this.vpc.addFlowLog('FlowLog', { destination: FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: FlowLogTrafficType.REJECT });
    const noEgress = new SecurityGroup(this, 'NoEgress', { vpc: this.vpc, allowAllOutbound: false, description: 'Verdict code sandbox: no inbound, no outbound' });
    const common = {
      vpc: this.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [noEgress],
      allowPublicSubnet: false,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(75),
      reservedConcurrentExecutions: reserved,
      architecture: Architecture.ARM_64,
      loggingFormat: LoggingFormat.JSON,
      environment: { VERDICT_SANDBOX_WIPE_TMP: '1' },
    };
    const python = this.logsOnly('Python');
    this.python = new LambdaFunction(this, 'PythonFunction', {
      ...common,
      description: 'Verdict code sandbox (Python): runs one model-written program with its tests',
      runtime: Runtime.PYTHON_3_15,
      handler: 'handler.handler',
      code: Code.fromAsset(join(PROJECT_ROOT, 'lambdas', 'code-sandbox-python')),
      role: python.role,
      logGroup: python.logGroup,
    });
    const node = this.logsOnly('Node');
    this.javascript = new NodejsFunction(this, 'NodeFunction', {
      ...common,
      description: 'Verdict code sandbox (Node.js): runs one model-written program with its tests',
      entry: join(PROJECT_ROOT, 'lambdas', 'code-sandbox.ts'),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      role: node.role,
      logGroup: node.logGroup,
      bundling: { forceDockerBundling: false, format: OutputFormat.ESM, target: 'node24', minify: true, externalModules: [] },
    });
  }

  /** Lets `grantee` (the workers) invoke the sandbox functions, and nothing else of them. */
  grantInvoke(grantee: IGrantable): void {
    // The functions themselves, not `<arn>:*` (versions and aliases) as `grantInvoke` would allow.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: [this.python.functionArn, this.javascript.functionArn] }),
    );
  }

  /** The functions, for outputs and environment variables. */
  get functions(): { python: IFunction; javascript: IFunction } {
    return { python: this.python, javascript: this.javascript };
  }

  /** A role that may write one log group, and the log group. */
  private logsOnly(name: string): { role: Role; logGroup: LogGroup } {
    const logGroup = new LogGroup(this, `${name}Logs`, { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const role = new Role(this, `${name}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Verdict code sandbox (${name}): its own logs only`,
    });
    logGroup.grantWrite(role);
    // A function with its own role gets no AWSLambdaVPCAccessExecutionRole: the few actions Lambda
    // uses to attach the function's network interfaces to the isolated subnets, written out.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        resources: ['*'],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Lambda attaches a VPC function through ec2:CreateNetworkInterface / DescribeNetworkInterfaces / DeleteNetworkInterface, which take no resource ARN; the subnets have no route out, so the actions are of no use to a program.',
    });
    return { role, logGroup };
  }
}
