import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchOptions } from '../http/options';
import type { Row } from '../http/row';
import type { DayMeasure } from './reconcile-day-bench';

/**
 * The reconciliation section (`--only=reconciliation`): one connection's day reconciled with the sandbox through
 * the real connector, in a process of its own (`--expose-gc`, so its heap is its own), against the same Smartpay
 * reads made by the connector alone in that process right after. 10,000 transactions; 200 with `--quick`.
 */
export async function reconciliationRows(databaseUrl: string, options: BenchOptions): Promise<Row[]> {
  const size = Number(process.env.BENCH_RECONCILIATION_SIZE ?? (options.quick ? 200 : 10_000));
  const measure = await measured(databaseUrl, size);
  const perTransaction = measure.providerCalls / size;
  const line = `  ${size} transactions: ${measure.seconds.toFixed(1)} s (${measure.readsAloneSeconds.toFixed(1)} s for the reads alone), ${measure.providerCalls} Smartpay calls (${perTransaction.toFixed(2)} per transaction), heap +${measure.heapPeakMiB.toFixed(1)} MiB at peak, +${measure.heapKeptMiB.toFixed(1)} MiB kept, ${measure.differences} differences`;
  console.log(line);
  return [
    {
      benchmark: `reconciliation of a day of ${size.toLocaleString('en')} transactions (s), ${perTransaction.toFixed(2)} Smartpay calls per transaction, heap +${measure.heapPeakMiB.toFixed(1)} MiB at peak and +${measure.heapKeptMiB.toFixed(1)} MiB kept after; vs the same ${measure.readsAloneCalls.toLocaleString('en')} Smartpay reads by the connector alone (no Kessai, no storage)`,
      kessai: measure.seconds,
      baseline: measure.readsAloneSeconds,
      ratio: measure.seconds / measure.readsAloneSeconds,
      target: `≤ 60 s at 10,000${measure.differences === 0 ? '' : `; ${measure.differences} false alarms`}`,
    },
  ];
}

function measured(databaseUrl: string, size: number): Promise<DayMeasure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'reconcile-day-bench.js')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        BENCH_RECONCILIATION_SIZES: String(size),
        BENCH_RECONCILIATION_JSON: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('measure '));
      if (code !== 0 || !line) reject(new Error(`the reconciliation bench exited ${code}: ${output.slice(-500)}`));
      else resolve(JSON.parse(line.slice('measure '.length)) as DayMeasure);
    });
  });
}
