import QtQuick
import Scoreboard.Testing

// Stands in for the app's ConsoleSession in the screen tests: a real ConsoleSession (the double
// derives from it) that never connects, logged in as a checker. Its real models are fed with the
// protocol JSON below: three flags for the queue, and for any opened player the page of "Bot"
// (five actions 500 ms apart, the newest worth 3 in derby's season 2 and flagged; the others in
// main), and three events. Decisions land in `calls`.
ConsoleSessionDouble {
    id: mock

    readonly property var allFlags: [
        { id: 3, incrementId: 30, userId: 7, displayName: "Bot", rule: "regular_timing", evidence: "20 actions 500 ms apart", status: "open", createdAt: "", event: "derby", season: 2 },
        { id: 2, incrementId: 20, userId: 8, displayName: "Eve", rule: "velocity", evidence: "40 actions in 10 s", status: "approved", createdAt: "", event: "main", season: 1 },
        { id: 1, incrementId: 10, userId: 7, displayName: "Bot", rule: "manual", evidence: "looks scripted", status: "open", createdAt: "", event: "main", season: 1 }
    ]
    readonly property var eventRows: [
        { slug: "main", title: "Main board", state: "live", season: 1, players: 12, boardSize: 10,
          actions: [{ kind: "tap", label: "Score!", points: 10 }] },
        { slug: "derby", title: "City derby", category: "football", state: "live", season: 2, players: 4,
          boardSize: 20, resetEvery: "PT1H", startsAt: "2026-12-01T18:00:00.000Z",
          actions: [{ kind: "goal", label: "Goal", points: 3 }, { kind: "assist", label: "Assist", points: 1 }] },
        { slug: "gala", title: "Evening gala", state: "scheduled", season: 1, players: 0, boardSize: 10,
          startsAt: "2026-12-24T18:00:00.000Z", actions: [{ kind: "tap", label: "Score!", points: 10 }] }
    ]

    function playerPage(userId: real): var {
        const increments = []
        for (let i = 0; i < 5; ++i)
            increments.push({ id: 30 - i, delta: i === 0 ? 3 : 1, at: "", atMs: 1700000000000 - i * 500,
                              kind: "action", status: "counted", clientAddress: "", flagged: i === 0,
                              event: i === 0 ? "derby" : "main", season: i === 0 ? 2 : 1,
                              action: i === 0 ? "goal" : "tap" })
        return {
            user: { id: userId, email: "bot@example.org", displayName: "Bot", role: "player",
                    verified: true, suspended: false, createdAt: "" },
            score: 120,
            ledgerScore: 120,
            increments: increments,
            flags: [allFlags[0]],
            scores: [{ event: "main", season: 1, score: 120 }, { event: "derby", season: 2, score: 45 }]
        }
    }

    loggedIn: true
    onPlayerRequested: userId => showPlayer(playerPage(userId))
    eventList: eventRows
    Component.onCompleted: showFlags(allFlags)
}
