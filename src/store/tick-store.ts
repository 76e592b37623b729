import type { Client, Row } from "@libsql/client";
import type { EngineCursor } from "../engine/price-engine.ts";
import type { Tick } from "../engine/tick.ts";

const toTick = (row: Row): Tick => ({
  id: Number(row.id),
  symbol: String(row.symbol),
  seq: Number(row.seq),
  price: Number(row.price),
  prevPrice: Number(row.prev_price),
  change: Number(row.change),
  changePercent: Number(row.change_percent),
  ts: Number(row.ts),
});

/** Read side of the persisted ticks. */
export class TickStore {
  constructor(private readonly db: Client) {}

  /** Where numbering resumes: the last id, and the last seq and price of each symbol. */
  async cursor(): Promise<EngineCursor> {
    const last = await this.db.execute("SELECT COALESCE(MAX(id), 0) AS id FROM ticks");
    const perSymbol = await this.db.execute(
      `SELECT t.symbol, t.seq, t.price FROM ticks t
       JOIN (SELECT symbol, MAX(seq) AS seq FROM ticks GROUP BY symbol) m ON m.symbol = t.symbol AND m.seq = t.seq`,
    );
    return {
      lastId: Number(last.rows[0]?.id ?? 0),
      lastSeq: new Map(perSymbol.rows.map((r) => [String(r.symbol), Number(r.seq)])),
      lastPrice: new Map(perSymbol.rows.map((r) => [String(r.symbol), Number(r.price)])),
    };
  }

  /** Newest first: up to `limit` ticks of `symbol` with a seq below `beforeSeq`. */
  async history(symbol: string, limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<Tick[]> {
    const result = await this.db.execute({
      sql: "SELECT * FROM ticks WHERE symbol = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
      args: [symbol, beforeSeq, limit],
    });
    return result.rows.map(toTick);
  }

  async count(): Promise<number> {
    const result = await this.db.execute("SELECT COUNT(*) AS n FROM ticks");
    return Number(result.rows[0]?.n ?? 0);
  }

  async ping(): Promise<void> {
    await this.db.execute("SELECT 1");
  }
}
