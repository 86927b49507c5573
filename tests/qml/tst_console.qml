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
    Component { id: eventsComponent; EventsScreen { anchors.fill: parent } }

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
            // Increment 30 counts in derby's season 2: the score there, before and after.
            compare(findChild(dialog.contentItem, "scoreScope").text, "Score in derby, season 2")
            compare(findChild(dialog.contentItem, "scoreBefore").text, "45")
            compare(findChild(dialog.contentItem, "scoreAfter").text, "42")    // delta of increment 30 is 3
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

        function test_queueFiltersByEvent() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(queueComponent, root, { session: session })
            const list = findChild(screen, "flagList")
            tryVerify(() => findChild(screen, "flagRow0") !== null)
            compare(findChild(findChild(screen, "flagRow0"), "event").text, "derby · S2")
            // The choices are the events of the flags present.
            compare(screen.events, ["", "derby", "main"])
            const box = findChild(screen, "eventFilter")
            compare(box.count, 3)
            box.activated(1)
            compare(session.flagQueue.event, "derby")
            compare(list.count, 1)
            box.activated(2)
            compare(list.count, 2)
            box.activated(0)
            compare(list.count, 3)
        }

        function test_playerPageNamesEachIncrementsEvent() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = openedPlayer(session)
            const ledger = findChild(screen, "ledger")
            tryVerify(() => ledger.itemAtIndex(1) !== null)
            compare(findChild(ledger.itemAtIndex(0), "entryEvent").text, "derby · S2 · goal")
            compare(findChild(ledger.itemAtIndex(1), "entryEvent").text, "main · S1 · tap")
            compare(findChild(screen, "eventScores").text, "main season 1: 120  ·  derby season 2: 45")
        }

        function eventsScreen(asAdmin) {
            const session = createTemporaryObject(mockComponent, root)
            if (asAdmin)
                session.logInAsAdmin()
            session.standingsRequested.connect((slug, season, offset) => {
                const entries = []
                for (let i = 0; i < (season === 2 ? 20 : 3); ++i)
                    entries.push({ rank: offset + i + 1, userId: 100 + i, displayName: "P" + (offset + i + 1), score: 500 - i })
                session.showStandings({ event: slug, season: season, total: season === 2 ? 45 : 3,
                                        entries: entries, amended: season === 1 }, offset)
            })
            const screen = createTemporaryObject(eventsComponent, root, { session: session })
            return screen
        }

        function test_eventsScreenListsEventsAndShowsSeasons() {
            const screen = eventsScreen(true)
            const session = screen.session
            const list = findChild(screen, "eventList")
            compare(list.count, 3)
            tryVerify(() => findChild(screen, "event_derby") !== null)
            mouseClick(findChild(screen, "event_derby"))
            compare(screen.selected, "derby")
            compare(findChild(screen, "eventTitle").text, "City derby")
            compare(findChild(screen, "eventState").text, "Live")
            compare(findChild(screen, "titleField").text, "City derby")
            compare(findChild(screen, "boardSizeBox").value, 20)
            compare(findChild(screen, "resetBox").currentIndex, 4)            // "Every…"
            compare(findChild(screen, "durationField").text, "PT1H")
            compare(findChild(screen, "catalogue").count, 2)
            compare(findChild(screen, "startsPicker").valueMs, Date.parse("2026-12-01T18:00:00.000Z"))
            // The current season's standings, a page at a time, on the second tab.
            compare(callsNamed(session, "loadStandings")[0].args, ["derby", 2, 0])
            findChild(screen, "eventTabs").currentIndex = 1
            const results = findChild(screen, "results")
            compare(findChild(results, "seasonBox").count, 2)
            compare(findChild(results, "standingsList").count, 20)
            compare(findChild(results, "pageInfo").text, "1–20 of 45")
            verify(!findChild(results, "amendedNote").visible)
            findChild(results, "nextPage").clicked()
            compare(callsNamed(session, "loadStandings")[1].args, ["derby", 2, 20])
            compare(findChild(results, "pageInfo").text, "21–40 of 45")
            // A finished season, amended by a review, and its CSV.
            findChild(results, "seasonBox").currentIndex = 0
            findChild(results, "seasonBox").activated(0)
            compare(callsNamed(session, "loadStandings")[2].args, ["derby", 1, 0])
            verify(findChild(results, "amendedNote").visible)
            compare(findChild(screen, "resultsPath").text, "derby-season-1.csv")
            findChild(screen, "exportResultsButton").clicked()
            compare(callsNamed(session, "exportResults")[0].args, ["derby", 1, "derby-season-1.csv"])
            session.resultsExported("/tmp/derby-season-1.csv", 3)
            compare(findChild(screen, "resultsMessage").text, "Saved 3 row(s) to /tmp/derby-season-1.csv")
        }

        function test_adminCreatesAnEventWithScheduleAndCatalogue() {
            const screen = eventsScreen(true)
            const session = screen.session
            mouseClick(findChild(screen, "newEventButton"))
            verify(screen.creating)
            findChild(screen, "slugField").text = "quiz-night"
            findChild(screen, "titleField").text = "Quiz night"
            findChild(screen, "categoryField").text = "quiz"
            // The start: tick it, pick the 15th of the shown month in the calendar, 19:30.
            const starts = findChild(screen, "startsPicker")
            findChild(starts, "setBox").toggle()
            findChild(starts, "setBox").toggled()
            findChild(starts, "dateButton").clicked()
            const grid = findChild(starts, "monthGrid")
            tryVerify(() => grid.visible)
            const shownMonth = grid.month, shownYear = grid.year
            grid.clicked(new Date(Date.UTC(shownYear, shownMonth, 15)))
            findChild(starts, "hourBox").value = 19
            findChild(starts, "hourBox").valueModified()
            findChild(starts, "minuteBox").value = 30
            findChild(starts, "minuteBox").valueModified()
            compare(starts.valueMs, new Date(shownYear, shownMonth, 15, 19, 30).getTime())
            const size = findChild(screen, "boardSizeBox")
            size.value = 25
            const reset = findChild(screen, "resetBox")
            reset.currentIndex = 2                                             // weekly
            // Two kinds of action.
            findChild(screen, "addAction").clicked()
            findChild(screen, "addAction").clicked()
            const catalogue = findChild(screen, "catalogue")
            catalogue.setField(0, "kind", "right")
            catalogue.setField(0, "label", "Right answer")
            catalogue.setField(0, "points", 5)
            catalogue.setField(1, "kind", "bonus")
            catalogue.setField(1, "label", "Bonus")
            findChild(screen, "saveEventButton").clicked()
            const saved = callsNamed(session, "saveEvent")
            compare(saved.length, 1)
            const form = saved[0].args[0]
            compare(saved[0].args[1], true)
            compare(form.slug, "quiz-night")
            compare(form.title, "Quiz night")
            compare(form.category, "quiz")
            compare(form.startsAtMs, new Date(shownYear, shownMonth, 15, 19, 30).getTime())
            compare(form.endsAtMs, 0)
            compare(form.boardSize, 25)
            compare(form.resetEvery, "weekly")
            compare(form.actions.length, 2)
            compare(form.actions[0].kind, "right")
            compare(form.actions[0].points, 5)
            compare(form.actions[1].label, "Bonus")
            compare(form.actions[1].points, 1)
            // The server said yes: the screen shows the new event.
            session.eventList = session.eventRows.concat([{ slug: "quiz-night", title: "Quiz night", state: "scheduled",
                season: 1, players: 0, boardSize: 25, resetEvery: "weekly", actions: form.actions }])
            session.eventSaved("quiz-night")
            verify(!screen.creating)
            compare(screen.selected, "quiz-night")
            verify(findChild(screen, "slugField").readOnly)                    // a slug never changes
        }

        function test_adminOpensAndClosesWithAReason() {
            const screen = eventsScreen(true)
            const session = screen.session
            screen.select("gala")
            verify(findChild(screen, "openEventButton").visible)
            findChild(screen, "closeEventButton").clicked()
            const dialog = screen.stateDialog
            tryCompare(dialog, "opened", true)
            compare(dialog.title, "Close this event now?")
            verify(!findChild(dialog.footer, "confirmButton").enabled)        // a reason is required
            dialog.reason = "venue flooded"
            mouseClick(findChild(dialog.footer, "confirmButton"))
            compare(callsNamed(session, "closeEvent")[0].args, ["gala", "venue flooded"])
            tryCompare(dialog, "visible", false)
            findChild(screen, "openEventButton").clicked()
            tryCompare(dialog, "opened", true)
            compare(dialog.title, "Open this event now?")
            dialog.reason = "doors open early"
            verify(dialog.confirm())
            compare(callsNamed(session, "openEvent")[0].args, ["gala", "doors open early"])
            // Editing an existing event saves its changes.
            findChild(screen, "titleField").text = "Gala night"
            findChild(screen, "saveEventButton").clicked()
            const saved = callsNamed(session, "saveEvent")[0].args
            compare(saved[0].slug, "gala")
            compare(saved[0].title, "Gala night")
            compare(saved[1], false)
        }

        function test_checkerSeesEventsReadOnly() {
            const screen = eventsScreen(false)
            screen.select("derby")
            verify(!findChild(screen, "newEventButton").visible)
            verify(!findChild(screen, "saveEventButton").visible)
            verify(!findChild(screen, "openEventButton").visible)
            verify(!findChild(screen, "closeEventButton").visible)
            verify(findChild(screen, "titleField").readOnly)
            verify(!findChild(screen, "boardSizeBox").enabled)
            verify(!findChild(screen, "resetBox").enabled)
            verify(!findChild(findChild(screen, "startsPicker"), "setBox").enabled)
            verify(!findChild(screen, "addAction").visible)
            // The results are for everyone.
            findChild(screen, "eventTabs").currentIndex = 1
            verify(findChild(screen, "exportResultsButton").visible)
            compare(findChild(findChild(screen, "results"), "standingsList").count, 20)
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
            verify(findChild(window.contentItem, "events"))           // and the events screen
            session.loggedIn = false
            compare(window.screenName, "login")
            window.destroy()                                         // before its session
            wait(0)
        }
    }
    Component { id: signalSpyComponent; SignalSpy {} }
}
