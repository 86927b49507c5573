import QtQuick
import QtTest
import Scoreboard.Console

// The console's queue and player views against MockConsoleSession.
Item {
    id: root
    width: 1100
    height: 760

    Component { id: mockComponent; MockConsoleSession {} }
    Component { id: queueComponent; QueueScreen { anchors.fill: parent } }
    Component { id: playerComponent; PlayerScreen { anchors.fill: parent } }
    Component { id: logInComponent; LogInScreen { anchors.fill: parent } }
    Component { id: windowComponent; Main {} }

    TestCase {
        name: "Console"
        when: windowShown

        function callsNamed(session, name) { return session.calls.filter(c => c.name === name) }

        function test_queueShowsRowsAndFilters() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(queueComponent, root, { session: session })
            const list = findChild(screen, "flagList")
            compare(list.count, 3)
            compare(findChild(screen, "openCount").text, "2 open flag(s)")
            tryVerify(() => findChild(screen, "flagRow0") !== null)
            compare(findChild(findChild(screen, "flagRow0"), "player").text, "Bot")

            const status = findChild(screen, "statusFilter")
            status.currentIndex = 1
            status.activated(1)
            compare(session.flagQueue.status, "open")
            compare(list.count, 2)

            const rule = findChild(screen, "ruleFilter")
            // The choices are the rules of the flags present.
            compare(screen.rules, ["", "manual", "regular_timing", "velocity"])
            compare(rule.count, 4)
            const manual = screen.rules.indexOf("manual")
            rule.currentIndex = manual
            rule.activated(manual)
            compare(session.flagQueue.rule, "manual")
            compare(list.count, 1)

            status.activated(0)
            rule.activated(0)
            compare(list.count, 3)
        }

        function test_selectingOpensPlayer() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(queueComponent, root, { session: session })
            const spy = createTemporaryObject(signalSpyComponent, root, { target: screen, signalName: "flagSelected" })
            tryVerify(() => findChild(screen, "flagRow1") !== null)
            mouseClick(findChild(screen, "flagRow1"))
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0].id, 2)
            compare(callsNamed(session, "openPlayer").length, 1)
            compare(callsNamed(session, "openPlayer")[0].args[0], 8)
            // N opens the next one.
            verify(screen.nextFlag())
            compare(spy.count, 2)
            compare(spy.signalArguments[1][0].id, 1)
        }

        function openedPlayer(session) {
            session.openPlayer(7)
            const screen = createTemporaryObject(playerComponent, root, {
                session: session, flag: Object.assign({}, session.allFlags[0]) })
            tryVerify(() => screen.player.increments.count === 5)
            return screen
        }

        function test_playerShowsScoreLedgerAndChart() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = openedPlayer(session)
            compare(findChild(screen, "playerName").text, "Bot")
            compare(findChild(screen, "score").text, "Score 120")
            compare(findChild(screen, "ledger").count, 5)
            compare(findChild(screen, "playerFlags").count, 1)
            compare(findChild(screen, "bars").count, 5)
        }

        function test_reverseAsksReasonAndShowsBeforeAfter() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = openedPlayer(session)
            screen.forceActiveFocus()
            keyClick(Qt.Key_R)
            const dialog = screen.reverseDialog
            tryCompare(dialog, "opened", true)
            compare(findChild(dialog.contentItem, "scoreBefore").text, "120")
            compare(findChild(dialog.contentItem, "scoreAfter").text, "117")   // delta of increment 30 is 3
            const confirm = findChild(dialog.footer, "confirmButton")
            verify(!confirm.enabled)                                           // no reason yet
            verify(!dialog.confirm())
            compare(callsNamed(session, "reverse").length, 0)
            dialog.reason = "scripted clicks"
            verify(confirm.enabled)
            mouseClick(confirm)
            compare(callsNamed(session, "reverse").length, 1)
            compare(callsNamed(session, "reverse")[0].args, [3, "scripted clicks"])
            tryCompare(dialog, "visible", false)
        }

        function test_approveShortcutCallsSession() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = openedPlayer(session)
            screen.forceActiveFocus()
            keyClick(Qt.Key_A)
            compare(callsNamed(session, "approve").length, 1)
            compare(callsNamed(session, "approve")[0].args[0], 3)
            session.approved(3)
            compare(screen.flag.status, "approved")
            keyClick(Qt.Key_A)                                                 // no longer open
            compare(callsNamed(session, "approve").length, 1)
        }

        function test_logInShowsRefusal() {
            const session = createTemporaryObject(mockComponent, root, { loggedIn: false })
            const screen = createTemporaryObject(logInComponent, root, { session: session })
            verify(!findChild(screen, "refusal").visible)
            session.errorMessage = "This is the score-check console; player accounts cannot log in here."
            verify(findChild(screen, "refusal").visible)
            findChild(screen, "emailInput").text = "ada@example.com"
            findChild(screen, "passwordInput").text = "secret"
            mouseClick(findChild(screen, "submitButton"))
            compare(session.calls[0].name, "logIn")
        }

        function test_windowOpensTheFlagsPlayer() {
            const session = createTemporaryObject(mockComponent, root)
            const window = createTemporaryObject(windowComponent, root, { session: session })
            compare(window.screenName, "queue")
            const queue = findChild(window.contentItem, "queue")
            compare(queue.session, session)
            tryVerify(() => findChild(queue, "flagRow0") !== null)
            mouseClick(findChild(queue, "flagRow0"))
            compare(window.screenName, "player")
            compare(callsNamed(session, "openPlayer")[0].args[0], 7)
            tryCompare(findChild(window.contentItem, "playerName"), "text", "Bot")
            verify(findChild(window.contentItem, "exportButton"))     // the audit screen is there
            session.loggedIn = false
            compare(window.screenName, "login")
            window.destroy()                                         // before its session
            wait(0)
        }
    }
    Component { id: signalSpyComponent; SignalSpy {} }
}
