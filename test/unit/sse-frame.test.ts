import { describe, expect, test } from "bun:test";
import { formatEvent } from "../../src/sse/frame.ts";

describe("SSE framing", () => {
  test("writes event, id, retry and data lines, then a blank line", () => {
    expect(formatEvent({ event: "tick", id: 7, retry: 2000, data: "{}" })).toBe(
      "event: tick\nid: 7\nretry: 2000\ndata: {}\n\n",
    );
  });

  test("splits multi-line data into one data line per line, whatever the line ending", () => {
    expect(formatEvent({ data: "a\nb\r\nc\rd" })).toBe("data: a\ndata: b\ndata: c\ndata: d\n\n");
  });

  test("data cannot smuggle a field: an injected 'event:' stays inside a data line", () => {
    expect(formatEvent({ data: "x\n\nevent: evil" })).toBe("data: x\ndata: \ndata: event: evil\n\n");
  });

  test.each(["tick\nevent: evil", "tick\r", "a\rb"])("refuses an event name with CR or LF (%j)", (event) => {
    expect(() => formatEvent({ event, data: "" })).toThrow("must not contain CR or LF");
  });

  test.each(["1\nevent: evil", "2\r", "3\0"])("refuses an id with CR, LF or NUL (%j)", (id) => {
    expect(() => formatEvent({ id, data: "" })).toThrow("must not contain CR, LF or NUL");
  });
});
