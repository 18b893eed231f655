// A scenario that cannot be played: names the file, the step (1-based index and title) and why.
export interface StepPlace { index: number; title: string }

export class ScenarioError extends Error {
  constructor(readonly source: string, readonly reason: string, readonly step?: StepPlace) {
    super(`${source}: ${step ? `step ${step.index} "${step.title}": ` : ''}${reason}`);
    this.name = 'ScenarioError';
  }
}
