import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics: requests by route and status, latency, transactions by status, job queue lag. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;
  readonly transactionsByStatus: Gauge<'status'>;
  readonly jobQueueLag: Gauge<'queue'>;

  constructor(collectProcessMetrics = true) {
    if (collectProcessMetrics) collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'kessai_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'kessai_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.transactionsByStatus = new Gauge({
      name: 'kessai_transactions',
      help: 'Transactions by status (refreshed on scrape)',
      labelNames: ['status'],
      registers: [this.registry],
    });
    this.jobQueueLag = new Gauge({
      name: 'kessai_job_queue_lag_seconds',
      help: 'Age of the oldest due job not yet run',
      labelNames: ['queue'],
      registers: [this.registry],
    });
  }
}
