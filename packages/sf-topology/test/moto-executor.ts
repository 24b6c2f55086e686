import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { MotoServer } from '@repro/test-services';

// biome-ignore lint/suspicious/noExplicitAny: definitions are free-form JSON here
export type Json = Record<string, any>;

export interface Run {
  status: string;
  error?: string | undefined;
  cause?: string | undefined;
  output?: string | undefined;
  /** State names in the order they were entered. */
  entered: string[];
  events: HistoryEvent[];
}

export const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
/** Polls of a running execution before it is called endless (counted, never timed). */
const MAX_POLLS = 600;

/**
 * Deploy and run state machines on moto_server's ASL interpreter. moto 5.2.1 needs a backend reset
 * (then execution enabled again) before each execution.
 */
export function motoExecutor(moto: MotoServer) {
  const sfn = new SFNClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
  let counter = 0;
  /** A command's answer; a failure names the command (moto's error bodies often carry no error code). */
  const named = async <T>(what: string, pending: Promise<T>): Promise<T> => {
    try {
      return await pending;
    } catch (error) {
      const response = (error as { $response?: { statusCode?: number; body?: unknown } }).$response;
      throw new Error(`moto ${what} failed (HTTP ${response?.statusCode ?? '?'}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  async function fresh(): Promise<void> {
    await moto.reset();
    await moto.enableStepFunctionsExecution();
  }

  async function create(definition: Json): Promise<string> {
    const machine = await named(
      'CreateStateMachine',
      sfn.send(new CreateStateMachineCommand({ name: `m-${++counter}`, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/sfn' })),
    );
    return machine.stateMachineArn!;
  }

  async function history(executionArn: string): Promise<HistoryEvent[]> {
    return (await named('GetExecutionHistory', sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 })))).events ?? [];
  }

  /** Run to the end; with `stopAfterStates`, an execution still running after entering that many states is stopped (ABORTED). */
  async function run(stateMachineArn: string, input: Json, stopAfterStates = Number.POSITIVE_INFINITY): Promise<Run> {
    const started = await named('StartExecution', sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) })));
    const executionArn = started.executionArn!;
    let described = await named('DescribeExecution', sfn.send(new DescribeExecutionCommand({ executionArn })));
    for (let i = 0; i < MAX_POLLS && described.status === 'RUNNING'; i++) {
      const entered = Number.isFinite(stopAfterStates) ? (await history(executionArn)).filter((e) => e.stateEnteredEventDetails).length : 0;
      if (entered >= stopAfterStates) {
        await named('StopExecution', sfn.send(new StopExecutionCommand({ executionArn })));
      } else {
        await new Promise((r) => setTimeout(r, 50));
      }
      described = await named('DescribeExecution', sfn.send(new DescribeExecutionCommand({ executionArn })));
    }
    const events = await history(executionArn);
    return {
      status: described.status ?? 'UNKNOWN',
      error: described.error,
      cause: described.cause,
      output: described.output,
      entered: events.flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : [])),
      events,
    };
  }

  return {
    fresh,
    create,
    run,
    /** Reset, deploy, run once. `before` runs after the reset (e.g. to create buckets). */
    async execute(definition: Json, input: Json, options: { before?: () => Promise<void>; stopAfterStates?: number } = {}): Promise<Run> {
      await fresh();
      await options.before?.();
      return run(await create(definition), input, options.stopAfterStates);
    },
  };
}
