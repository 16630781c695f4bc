import type { JSX } from 'preact';

import type { Timeline, TimelineRow } from '../lib/timeline';
import { formatClockTime, formatDateTime } from '../lib/timestamps';
import { STATE_LABELS } from './state-chip';

/**
 * The timeline: one row per `service:source` group on a shared axis; a bar from its first to
 * its last status in the colour of its state, a mark per status (name and time on hover). The
 * bars are drawn for the eye; each row also says its span in words for screen readers.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }): JSX.Element {
  return (
    <div class="timeline" data-testid="timeline">
      <div class="timeline-axis" aria-hidden="true">
        <span class="timeline-label" />
        <span class="timeline-track">
          {timeline.ticks.map((tick) => (
            <span
              key={tick.percent}
              class={`timeline-tick${tick.percent === 100 ? ' timeline-tick-end' : ''}`}
              style={{ left: `${tick.percent.toString()}%` }}
            >
              {tick.label}
            </span>
          ))}
        </span>
      </div>
      <ol class="timeline-rows">
        {timeline.rows.map((row) => (
          <TimelineRowView key={row.key} row={row} />
        ))}
      </ol>
      {timeline.start !== undefined && (
        <p class="timeline-caption muted">
          From{' '}
          <time dateTime={timeline.start} title={timeline.start}>
            {formatDateTime(timeline.start)}
          </time>
          {timeline.end !== undefined && (
            <>
              {' '}
              to{' '}
              <time dateTime={timeline.end} title={timeline.end}>
                {formatClockTime(timeline.end)}
              </time>
            </>
          )}
        </p>
      )}
    </div>
  );
}

function TimelineRowView({ row }: { row: TimelineRow }): JSX.Element {
  const name = row.source === undefined ? row.service : `${row.service}:${row.source}`;
  const state = STATE_LABELS[row.state];
  return (
    <li class="timeline-row">
      <span class="timeline-label">
        <span class="timeline-name">{name}</span>{' '}
        <span class="duration" title={row.duration}>
          {row.durationForPeople}
        </span>
        <span class="visually-hidden">
          , {state}, {row.marks.length.toString()} statuses:{' '}
          {row.marks.map((mark) => mark.status).join(', ')}
        </span>
      </span>
      <span class="timeline-track" aria-hidden="true">
        <span
          class={`timeline-bar bar-${row.state}`}
          style={{
            left: `${row.startPercent.toString()}%`,
            width: `${row.widthPercent.toString()}%`,
          }}
          title={`${name}: ${state}, ${row.durationForPeople} (${row.duration})`}
        />
        {row.marks.map((mark) => (
          <span
            key={mark.id}
            class="timeline-mark"
            style={{ left: `${mark.leftPercent.toString()}%` }}
            title={`${mark.status} at ${mark.date}`}
          />
        ))}
      </span>
    </li>
  );
}
