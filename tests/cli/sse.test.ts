import { SseParser } from "@/cli/sse";

describe("kvctl's server-sent events parser", () => {
  it("reads the app's stream: retry, heartbeats, request.changed", () => {
    const p = new SseParser();
    const text = 'retry: 5000\n\n: heartbeat\n\nevent: request.changed\ndata: {"type":"request.changed","number":"KV-3","version":2}\n\n';
    expect(p.push(text)).toEqual([{ event: "request.changed", data: '{"type":"request.changed","number":"KV-3","version":2}', id: undefined }]);
    expect(p.retryMs).toBe(5000);
    expect(p.lastEventId).toBeUndefined();
  });

  it("joins messages split across chunks at any byte, CRLF included, and keeps the last id", () => {
    const text = "id: 7\r\nevent: request.changed\r\ndata: a\r\ndata: b\r\n\r\nid: 8\ndata: c\n\n";
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const got = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(got).toEqual([
        { event: "request.changed", data: "a\nb", id: "7" },
        { event: "message", data: "c", id: "8" },
      ]);
      expect(p.lastEventId).toBe("8");
    }
  });

  it("ignores an event without data and fields it does not know", () => {
    const p = new SseParser();
    expect(p.push("event: request.changed\n\nfoo: bar\nretry: soon\ndata\n\n")).toEqual([{ event: "message", data: "", id: undefined }]);
    expect(p.retryMs).toBeUndefined();
  });
});
