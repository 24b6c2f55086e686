import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed's Saturday pipeline fixture and the split the PR made (Branch A research, Branch B predictor). */
export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/saturday-pipeline.asl.json', import.meta.url));

export function loadSaturdayPipeline(): Record<string, unknown> & { States: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
}

export const BRANCH_A = [
  'CheckSkipResearch',
  'Research',
  'CheckResearchStatus',
  'ExtractResearchError',
  'CheckSkipDataPhase2',
  'DataPhase2',
  'CheckSkipEvalJudge',
  'ComputeEvalCadence',
  'CheckMonthlyCadence',
  'EvalJudgeSubmitFirstSaturday',
  'EvalJudgeSubmitWeekly',
  'EvalJudgePollChoice',
  'EvalJudgePollWait',
  'EvalJudgePoll',
  'EvalJudgePollDecision',
  'EvalJudgeProcess',
  'EvalRollingMean',
  'CheckSkipRationaleClustering',
  'RationaleClustering',
  'CheckSkipReplayConcordance',
  'ReplayConcordance',
  'CheckSkipCounterfactual',
  'Counterfactual',
];

export const BRANCH_B = ['CheckSkipPredictorTraining', 'PredictorTraining', 'WaitForPredictorTraining', 'CheckPredictorStatus', 'PredictorWait', 'ExtractPredictorError'];

export const SEED_OPTIONS = {
  chain: [...BRANCH_A, ...BRANCH_B],
  branches: { A: BRANCH_A, B: BRANCH_B },
  name: 'ResearchPredictorParallel',
  failureHandler: 'HandleFailure',
};
