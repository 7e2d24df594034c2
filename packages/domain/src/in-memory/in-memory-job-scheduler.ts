import type { Job, JobScheduler } from '../shared/job-scheduler';

/** Keeps jobs in a list; tests (or a simple loop) take the due ones with `takeDue`. Same-key jobs coalesce. */
export class InMemoryJobScheduler implements JobScheduler {
  readonly jobs: Job[] = [];

  async schedule(job: Job): Promise<void> {
    const index = job.key === undefined ? -1 : this.jobs.findIndex((queued) => queued.key === job.key);
    if (index >= 0) this.jobs[index] = job;
    else this.jobs.push(job);
  }

  takeDue(now: Date): Job[] {
    const due = this.jobs.filter((job) => job.runAt.getTime() <= now.getTime());
    for (const job of due) this.jobs.splice(this.jobs.indexOf(job), 1);
    return due;
  }
}
