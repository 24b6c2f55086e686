import { type S43Event, s43EventSchema } from '../src/s43-events.js';

/** An event sink for tests: every event must parse against the catalogue's zod schema, or the emit throws. */
export function collectEvents(): { events: S43Event[]; emit: (event: S43Event) => void } {
  const events: S43Event[] = [];
  return {
    events,
    emit: (event) => {
      events.push(s43EventSchema.parse(event));
    },
  };
}
