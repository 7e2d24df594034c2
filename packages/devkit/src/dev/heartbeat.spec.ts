import { withHeartbeat } from './heartbeat';

describe('start-up progress', () => {
  let lines: string[];
  let heartbeat: ReturnType<typeof withHeartbeat>;
  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
    heartbeat = withHeartbeat((line) => lines.push(line), 5000);
  });
  afterEach(() => {
    heartbeat.stop();
    jest.useRealTimers();
  });

  it('passes each step on as it comes', () => {
    heartbeat.progress('initialising PostgreSQL');
    expect(lines).toEqual(['initialising PostgreSQL']);
  });

  it('after five silent seconds says it is still at the last step, and again every five', () => {
    heartbeat.progress('initialising PostgreSQL');
    jest.advanceTimersByTime(4000);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    jest.advanceTimersByTime(5000);
    expect(lines.slice(1)).toEqual([
      '… still starting, 5 s in (last step: initialising PostgreSQL)',
      '… still starting, 10 s in (last step: initialising PostgreSQL)',
    ]);
  });

  it('says nothing more while steps keep coming, or once stopped', () => {
    for (let step = 0; step < 5; step++) {
      jest.advanceTimersByTime(3000);
      heartbeat.progress(`step ${step}`);
    }
    heartbeat.stop();
    jest.advanceTimersByTime(60_000);
    expect(lines.filter((line) => line.startsWith('…'))).toEqual([]);
  });
});
