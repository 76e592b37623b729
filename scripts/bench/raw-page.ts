/**
 * The baseline of `bench pages`, run as its own Bun process: a bare `Bun.serve` answering each
 * page's recorded bytes (body and headers, as the real server sent them) from memory, by path.
 *
 *   PORT=… bun raw-page.ts <pages.json>     (RawPage[]; any other path is a 404)
 */

/** One page as the real server answered it. */
export interface RawPage {
  path: string;
  headers: [string, string][];
  body: string;
}

if (import.meta.main) {
  const pages = (await Bun.file(process.argv[2] ?? "").json()) as RawPage[];
  const byPath = new Map(pages.map((page) => [page.path, { ...page, bytes: new TextEncoder().encode(page.body) }]));
  Bun.serve({
    port: Number(process.env.PORT),
    hostname: "127.0.0.1",
    fetch(request) {
      const page = byPath.get(new URL(request.url).pathname);
      return page ? new Response(page.bytes, { headers: page.headers }) : new Response("not found", { status: 404 });
    },
  });
}
