import type { EventCounts, EventOutcome } from "../routes/events.ts";
import type { Family } from "./exposition.ts";

/**
 * `POST /api/events`'s events by type and outcome. Types are the known event types, or `invalid`:
 * the number of labels is bounded whatever clients send.
 * @example const events = new PortfolioEventMetrics(); events.record(["portfolio.updated"], "applied");
 */
export class PortfolioEventMetrics implements EventCounts {
  readonly #counts = new Map<string, { type: string; outcome: EventOutcome; count: number }>();

  record(types: readonly string[], outcome: EventOutcome): void {
    for (const type of types) {
      const key = `${type} ${outcome}`;
      const counted = this.#counts.get(key) ?? { type, outcome, count: 0 };
      counted.count++;
      this.#counts.set(key, counted);
    }
  }

  families(): Family[] {
    return [
      {
        name: "tickertape_portfolio_events_total",
        help: "Events posted to /api/events, by type and outcome: applied, or refused with their batch (invalid, or not applied); type invalid when it cannot be read.",
        type: "counter",
        samples: [...this.#counts.values()].map(({ type, outcome, count }) => ({
          labels: { type, outcome },
          value: count,
        })),
      },
    ];
  }
}
