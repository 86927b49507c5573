import QtQuick

// Stands in for scoreboard::console::ConsoleSession: the same properties and models (ListModels
// with the same roles; flagQueue filters by status and rule like FlagFilterModel), and
// invokables that record their calls in `calls` instead of talking to a server.
QtObject {
    id: mock

    property int state: 2
    property bool loggedIn: true
    property string email: "checker@example.org"
    property string displayName: "Checker"
    property string role: "checker"
    property bool busy: false
    property string errorCode
    property string errorMessage
    property var calls: []
    property var allFlags: [
        { id: 3, incrementId: 30, userId: 7, displayName: "Bot", rule: "regular_timing", evidence: "20 actions 500 ms apart", status: "open", createdAt: "", ageSeconds: 5 },
        { id: 2, incrementId: 20, userId: 8, displayName: "Eve", rule: "velocity", evidence: "40 actions in 10 s", status: "approved", createdAt: "", ageSeconds: 90 },
        { id: 1, incrementId: 10, userId: 7, displayName: "Bot", rule: "manual", evidence: "looks scripted", status: "open", createdAt: "", ageSeconds: 4000 }
    ]
    readonly property int openFlagCount: allFlags.filter(f => f.status === "open").length
    property ListModel board: ListModel {
        ListElement { rank: 1; displayName: "Bot"; score: 120; isMe: false }
    }
    property ListModel flagQueue: ListModel {
        property string status
        property string rule
        readonly property var rules: [...new Set(mock.allFlags.map(f => f.rule))].sort()
        onStatusChanged: mock.refilter()
        onRuleChanged: mock.refilter()
    }
    property QtObject player: QtObject {
        property bool loaded: false
        property var userId: 0
        property string email
        property string displayName
        property string role: "player"
        property bool verified: true
        property bool suspended: false
        property var score: 0
        property var ledgerScore: 0
        property ListModel increments: ListModel {}
        property ListModel flags: ListModel {}
    }
    property ListModel audit: ListModel {
        property string filterText
        function toCsv() { return "id,at\r\n" }
    }

    signal sessionEnded(string reason, string message)
    signal approved(var flagId)
    signal reversed(var userId, var score)

    function refilter() {
        flagQueue.clear()
        for (const f of allFlags)
            if ((flagQueue.status === "" || f.status === flagQueue.status)
                    && (flagQueue.rule === "" || f.rule === flagQueue.rule))
                flagQueue.append(f)
    }
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function lastCall() { return calls.length ? calls[calls.length - 1] : null }
    function logIn(email, password) { record("logIn", [email, password]) }
    function logOut() { record("logOut", []) }
    function approve(flagId, reason) { record("approve", [flagId, reason]) }
    function reverse(flagId, reason) { record("reverse", [flagId, reason]) }
    function reverseIncrement(incrementId, reason) { record("reverseIncrement", [incrementId, reason]) }
    function flagIncrement(incrementId, reason) { record("flagIncrement", [incrementId, reason]) }
    function suspend(userId, reason) { record("suspend", [userId, reason]) }
    function unsuspend(userId, reason) { record("unsuspend", [userId, reason]) }
    function refreshAudit() { record("refreshAudit", []) }
    function clearError() { errorMessage = ""; errorCode = "" }
    function closePlayer() { player.loaded = false }
    function openPlayer(userId) {
        record("openPlayer", [userId])
        player.userId = userId
        player.displayName = "Bot"
        player.email = "bot@example.org"
        player.score = 120
        player.ledgerScore = 120
        player.increments.clear()
        for (let i = 0; i < 5; ++i)
            player.increments.append({ id: 30 - i, delta: i === 0 ? 3 : 1, at: "", atMs: 1700000000000 - i * 500,
                                       kind: "action", status: "counted", flagged: i === 0,
                                       reversesId: 0, reversedById: 0 })
        player.flags.clear()
        player.flags.append(allFlags[0])
        player.loaded = true
    }

    Component.onCompleted: refilter()
}
