import { describe, expect, test } from "bun:test";
import { useListeningServer } from "../support/listening-server.ts";

const ctx = useListeningServer();

/** Send `request` as raw bytes on a new connection and return everything the server answered. */
async function raw(request: string): Promise<string> {
  const { port } = new URL(ctx.server.url);
  let answer = "";
  await new Promise<void>((resolve, reject) =>
    Bun.connect({
      hostname: "127.0.0.1",
      port: Number(port),
      socket: {
        open: (socket) => void socket.write(request),
        data: (_socket, bytes) => {
          answer += new TextDecoder().decode(bytes);
        },
        close: () => resolve(),
        error: (_socket, error) => reject(error),
      },
    }),
  );
  return answer;
}

describe("load-balancer probes over HTTP/1.0 without Host", () => {
  test.each(["/health/live", "/health/ready"])("%s answers 200 with its JSON", async (path) => {
    const answer = await raw(`GET ${path} HTTP/1.0\r\n\r\n`);
    expect(answer).toStartWith("HTTP/1.1 200");
    expect(answer.slice(answer.indexOf("\r\n\r\n") + 4)).toContain('"status":"');
  });

  test("an unknown path is still a 404 naming the path", async () => {
    const answer = await raw("GET /nope HTTP/1.0\r\n\r\n");
    expect(answer).toStartWith("HTTP/1.1 404");
    expect(answer).toContain("Nothing at /nope");
  });
});
