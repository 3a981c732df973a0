// Facts about an incoming request that Next.js does not hand route handlers, stamped as
// headers by stamp-raw-request.ts before Next sees the request (any client value under
// these names is replaced).
/** The connection's own address (the socket's remoteAddress). */
export const PEER_HEADER = "x-kvstore-peer";
/** The query string exactly as the client sent it (Next rebuilds it from a plain object, losing a "__proto__" key). */
export const RAW_QUERY_HEADER = "x-kvstore-raw-query";
