// A bar chart drawn by Chartist (SVG, bundled), hidden from assistive technology, with the same numbers beside it
// as a table a keyboard opens (a native <details>): the chart is a picture of the table, never the only copy.
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface BarSeries {
  name: string;
  /** Chartist's series class (`ct-series-a`…), which the stylesheet colours. */
  className: string;
  values: number[];
}

export function BarChartFigure(props: {
  id: string;
  caption: string;
  /** The category of each bar group (a day, a period), as read aloud in the table. */
  labels: string[];
  /** Shorter labels under the bars; every `labelEvery`-th is drawn. */
  axisLabels?: string[];
  labelEvery?: number;
  series: BarSeries[];
  format(value: number): string;
  formatAxis(value: number): string;
  horizontal?: boolean;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const { labels, series, horizontal = false, labelEvery = 1 } = props;
  const axisLabels = props.axisLabels ?? labels;
  const drawn = JSON.stringify([axisLabels, series, horizontal, labelEvery]);
  const formatAxis = props.formatAxis;
  useEffect(() => {
    if (!box.current) return;
    const category = (label: string | number, index: number) => (index % labelEvery === 0 ? label : '');
    const value = (label: string | number) => formatAxis(Number(label));
    const chart = new BarChart(
      box.current,
      { labels: axisLabels, series: series.map((s) => ({ name: s.name, className: s.className, data: s.values })) },
      {
        horizontalBars: horizontal,
        seriesBarDistance: horizontal ? 14 : 4,
        height: horizontal ? '140px' : '220px',
        chartPadding: { top: 12, right: 12, bottom: 4, left: 4 },
        axisX: horizontal
          ? { labelInterpolationFnc: value, onlyInteger: true, showGrid: true, scaleMinSpace: 64 }
          : { labelInterpolationFnc: category, showGrid: false },
        axisY: horizontal
          ? { labelInterpolationFnc: category, offset: 70, showGrid: false }
          : { labelInterpolationFnc: value, onlyInteger: true, offset: 56, scaleMinSpace: 32 },
      },
    );
    return () => chart.detach();
  }, [drawn, formatAxis]);

  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>{props.caption}</figcaption>
      <ul class="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name} class={s.className}>
            <span class="swatch" />
            {s.name}
          </li>
        ))}
      </ul>
      <div ref={box} class="ct-chart" aria-hidden="true" data-chart={props.id} />
      <details class="chart-data">
        <summary>{t('overview.showNumbers')}</summary>
        <table>
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.period')}</th>
              {series.map((s) => (
                <th key={s.name} scope="col" class="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.name} class="num">
                    {props.format(s.values[row] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
