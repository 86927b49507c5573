#pragma once

#include <QtGlobal>

namespace scoreboard::server {

/**
 * @brief The limits of the one public port, before any message is decoded: HTTP request sizes and
 * times, connection counts, and how much unsent data one socket may hold. Every field is a server
 * option (server/app/options.cpp); docs/security.md lists them with their defaults.
 */
struct TransportLimits
{
    /// The request line and header lines of one request (431 past it).
    qint64 maxHeadBytes = 16 * 1024;
    /// The body of one request (413 past it); the server takes no uploads.
    qint64 maxBodyBytes = 16 * 1024;
    /// From a request's first byte to the end of its head (slow heads are dropped).
    int headTimeoutMs = 10'000;
    /// From the end of a head to the end of its body.
    int bodyTimeoutMs = 10'000;
    /// A kept-alive HTTP connection with no request under way is closed after this.
    int idleTimeoutMs = 30'000;
    /// Open connections in all (HTTP and WebSocket); a new one over it is refused at once.
    int maxConnections = 20'000;
    /// Open connections from one client address (IPv6: one /64); 0 = no limit. Connections from
    /// a trusted proxy are not counted per address (the proxy limits its own clients).
    int maxConnectionsPerAddress = 256;
    /// Bytes written to one socket and not yet taken by the peer: past it the server stops
    /// reading that socket's requests; a socket still past it after unsentGraceMs, or past
    /// four times it at any moment, is dropped.
    qint64 maxUnsentBytes = 1024 * 1024;
    int unsentGraceMs = 10'000;
};

} // namespace scoreboard::server
