import QtQuick
import Scoreboard.Testing

// Stands in for the app's ConsoleSession in the screen tests: a real ConsoleSession (the double
// derives from it) that never connects, logged in as a checker. Its real models are fed with the
// protocol JSON below: three flags for the queue, and for any opened player the page of "Bot"
// (five actions 500 ms apart, the newest worth 3 and flagged). Decisions land in `calls`.
ConsoleSessionDouble {
    id: mock

    readonly property var allFlags: [
        { id: 3, incrementId: 30, userId: 7, displayName: "Bot", rule: "regular_timing", evidence: "20 actions 500 ms apart", status: "open", createdAt: "" },
        { id: 2, incrementId: 20, userId: 8, displayName: "Eve", rule: "velocity", evidence: "40 actions in 10 s", status: "approved", createdAt: "" },
        { id: 1, incrementId: 10, userId: 7, displayName: "Bot", rule: "manual", evidence: "looks scripted", status: "open", createdAt: "" }
    ]

    function playerPage(userId: real): var {
        const increments = []
        for (let i = 0; i < 5; ++i)
            increments.push({ id: 30 - i, delta: i === 0 ? 3 : 1, at: "", atMs: 1700000000000 - i * 500,
                              kind: "action", status: "counted", clientAddress: "", flagged: i === 0 })
        return {
            user: { id: userId, email: "bot@example.org", displayName: "Bot", role: "player",
                    verified: true, suspended: false, createdAt: "" },
            score: 120,
            ledgerScore: 120,
            increments: increments,
            flags: [allFlags[0]]
        }
    }

    loggedIn: true
    onPlayerRequested: userId => showPlayer(playerPage(userId))
    Component.onCompleted: showFlags(allFlags)
}
