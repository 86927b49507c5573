import QtQuick
import QtTest
import Scoreboard.AppCore
import Scoreboard.Client

Item {
    id: root
    width: 800
    height: 700

    Component { id: mockComponent; MockSession {} }
    Component { id: signUpComponent; SignUpScreen { anchors.fill: parent } }
    Component { id: codeComponent; CodeScreen { anchors.fill: parent } }
    Component { id: logInComponent; LogInScreen { anchors.fill: parent } }
    Component { id: mainComponent; MainScreen { anchors.fill: parent } }
    Component { id: settingsComponent; SettingsScreen { anchors.fill: parent } }
    Component { id: windowComponent; Main {} }
    // The board as the server sends it; the player (user 11) is "Me".
    readonly property var board: [
        { rank: 1, userId: 10, displayName: "Ada", score: 30 },
        { rank: 2, userId: 11, displayName: "Me", score: 20 }
    ]
    // The events as events.subscribe sends them: main, a live cup with two kinds, a gala later.
    function event(slug, title, state, actions) {
        return { slug: slug, title: title, state: state, startsAt: null, endsAt: null, boardSize: 10,
                 actions: actions, resetEvery: null, season: 1, nextResetAt: null, players: 0 }
    }
    readonly property var events: [
        event("main", "Main board", "live", [{ kind: "tap", label: "Score!", points: 10 }]),
        event("cup", "Cup", "live", [{ kind: "goal", label: "Goal", points: 3 },
                                     { kind: "assist", label: "Assist", points: 1 }]),
        event("gala", "Gala", "scheduled", [{ kind: "tap", label: "Score!", points: 10 }])
    ]

    TestCase {
        name: "Screens"
        when: windowShown

        function input(screen, name) { return findChild(screen, name + "Input") }

        function test_signUpEnabledOnlyWhenValid() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(signUpComponent, root, { session: session })
            const submit = findChild(screen, "submitButton")
            verify(!submit.enabled)
            input(screen, "email").text = "ada@example.com"
            input(screen, "displayName").text = "Ada"
            input(screen, "password").text = "short"
            verify(!submit.enabled)
            compare(findChild(screen, "passwordHint").text, "Use at least 10 characters.")
            input(screen, "password").text = "a long passphrase"
            verify(submit.enabled)
            compare(findChild(screen, "passwordHint").text, "Strong enough.")
            input(screen, "email").text = "not an address"
            verify(!submit.enabled)
            session.busy = true
            input(screen, "email").text = "ada@example.com"
            verify(!submit.enabled)
            compare(session.calls.length, 0)
        }

        function test_signUpEnterSubmits() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(signUpComponent, root, { session: session })
            const email = input(screen, "email")
            email.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(session.calls.length, 0)        // nothing to submit yet
            email.text = "ada@example.com"
            input(screen, "displayName").text = "  Ada  "
            const password = input(screen, "password")
            password.text = "a long passphrase"
            password.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(session.calls.length, 1)
            compare(session.calls[0].name, "signUp")
            compare(session.calls[0].args, ["ada@example.com", "Ada", "a long passphrase"])
        }

        function test_signUpTabOrder() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(signUpComponent, root, { session: session })
            input(screen, "email").forceActiveFocus()
            keyClick(Qt.Key_Tab)
            verify(input(screen, "displayName").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(input(screen, "password").activeFocus)
        }

        function test_codeScreen() {
            const session = createTemporaryObject(mockComponent, root, { pendingEmail: "ada@example.com", resendSeconds: 42 })
            const screen = createTemporaryObject(codeComponent, root, { session: session })
            verify(findChild(screen, "explanation").text.indexOf("ada@example.com") >= 0)
            const resend = findChild(screen, "resendButton")
            verify(!resend.enabled)
            compare(resend.text, "Resend code (42 s)")
            session.resendSeconds = 0
            verify(resend.enabled)
            compare(resend.text, "Resend code")
            mouseClick(resend)
            compare(session.calls[0].name, "resend")

            const code = input(screen, "code")
            code.forceActiveFocus()
            keyClick("1"); keyClick("2"); keyClick("a"); keyClick("3")
            compare(code.text, "123")
            verify(!findChild(screen, "confirmButton").enabled)
            keyClick("4"); keyClick("5"); keyClick("6"); keyClick("7")
            compare(code.text, "123456")
            keyClick(Qt.Key_Return)
            compare(session.calls[1].name, "verify")
            compare(session.calls[1].args, ["123456"])
        }

        function test_logInEnterSubmits() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(logInComponent, root, { session: session, email: "ada@example.com" })
            const submit = findChild(screen, "submitButton")
            verify(!submit.enabled)
            const password = input(screen, "password")
            password.forceActiveFocus()
            keyClick("x")
            verify(submit.enabled)
            keyClick(Qt.Key_Enter)
            compare(session.calls.length, 1)
            compare(session.calls[0].args, ["ada@example.com", "x"])
            compare(password.text, "")
        }

        function test_mainScreenActsOnSpaceAndEnter() {
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Ada", score: 1234, rank: 2,
                                                    boardRows: root.board })
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            const button = findChild(screen, "actionButton")
            button.forceActiveFocus()
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_Return)
            keyClick(Qt.Key_Enter)
            compare(session.calls.map(c => c.name), ["act", "act", "act"])
            mouseClick(button)
            compare(session.calls.length, 4)
            compare(findChild(screen, "rank").text, "#2")
            verify(findChild(screen, "greeting").text.indexOf("Ada") >= 0)
            const list = findChild(screen, "topList")
            compare(list.count, 2)
            tryVerify(() => list.itemAtIndex(1) !== null)
            verify(list.itemAtIndex(1).isMe)
            session.actionAccepted(7, 1241, 2)
            compare(findChild(screen, "delta").text, "+7")
            mouseClick(findChild(screen, "logOutButton"))
            compare(session.calls[4].name, "logOut")
        }

        function test_mainScreenPicksAnEventAndPlaysItsKinds() {
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Me", eventList: root.events })
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            const picker = findChild(screen, "eventPicker")
            compare(picker.count, 3)
            compare(picker.currentText, "Main board (live)")
            compare(findChild(screen, "actionButton").text, "Score!")
            // The picker lists live events first, then scheduled ones.
            compare(picker.textAt(0), "Cup (live)")
            compare(picker.textAt(2), "Gala (scheduled)")
            picker.activated(0)
            compare(session.calls[0].name, "selectEvent")
            compare(session.calls[0].args, ["cup"])
            compare(session.currentEvent, "cup")
            compare(picker.currentText, "Cup (live)")
            compare(findChild(screen, "actionButton").text, "Goal (+3)")
            const assist = findChild(screen, "action_assist")
            verify(assist)
            compare(assist.text, "Assist (+1)")
            // 1–9 press the kinds, Space the first, a click the one clicked.
            screen.forceActiveFocus()
            keyClick(Qt.Key_2)
            keyClick(Qt.Key_1)
            keyClick(Qt.Key_3) // no third kind: nothing
            mouseClick(assist)
            const acts = session.calls.filter(c => c.name === "act").map(c => c.args[0])
            compare(acts, ["assist", "goal", "assist"])
            compare(findChild(screen, "eventState").visible, false)
        }

        function test_mainScreenRefusesAScheduledEvent() {
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Me", eventList: root.events })
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            session.selectEvent("gala")
            compare(findChild(screen, "actionButton").enabled, false)
            verify(findChild(screen, "eventState").visible)
            compare(findChild(screen, "eventState").text, "This event has not started yet.")
            screen.forceActiveFocus()
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_1)
            compare(session.calls.filter(c => c.name === "act").length, 0)
        }

        function test_mainScreenSaysWhoOvertook() {
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Me", eventList: root.events })
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            const banner = findChild(screen, "overtakenBanner")
            verify(!banner.visible)
            session.overtaken("Bob", 2)
            verify(banner.visible)
            compare(banner.text, "Bob overtook you: you are now #2.")
            compare(findChild(screen, "aroundList").count, 0)
        }

        function test_mainScreenShowsResultsOfFinishedSeasons() {
            // The cup is in its third season: the results open on season 2, the last finished one.
            const events = root.events.map(e => Object.assign({}, e))
            events[1].season = 3
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Me", eventList: events })
            session.standingsRequested.connect((slug, season, offset) => session.showStandings({
                event: slug, season: season, total: 2, amended: season === 1,
                entries: [{ rank: 1, userId: 10, displayName: "Ada", score: 40 + season },
                          { rank: 2, userId: 11, displayName: "Me", score: season }] }, offset))
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            session.selectEvent("cup")
            mouseClick(findChild(screen, "resultsTab"))
            const loads = () => session.calls.filter(c => c.name === "loadStandings")
            compare(loads().length, 1)
            compare(loads()[0].args, ["cup", 2, 0])
            const results = findChild(screen, "results")
            const seasons = findChild(results, "seasonBox")
            compare(seasons.count, 3)
            compare(seasons.currentText, "2 (final)")
            compare(seasons.textAt(2), "3 (being played)")
            const list = findChild(results, "standingsList")
            compare(list.count, 2)
            tryVerify(() => list.itemAtIndex(1) !== null)
            compare(list.itemAtIndex(1).isMe, true)                       // the player's own row
            compare(findChild(results, "pageInfo").text, "1–2 of 2")
            verify(!findChild(results, "nextPage").enabled)
            verify(!findChild(results, "amendedNote").visible)
            seasons.currentIndex = 0
            seasons.activated(0)
            compare(loads()[1].args, ["cup", 1, 0])
            verify(findChild(results, "amendedNote").visible)
            // Another event: its results at once.
            session.selectEvent("main")
            compare(loads()[2].args, ["main", 1, 0])
        }

        function test_windowNotifiesTheDesktopOnlyWhenAway() {
            const session = createTemporaryObject(mockComponent, root,
                                                  { loggedIn: true, userId: 11, displayName: "Me", eventList: root.events })
            const window = createTemporaryObject(windowComponent, root, { session: session })
            window.away = false
            session.overtaken("Bob", 2)
            compare(window.lastNotification, "")                        // the banner is enough
            window.away = true
            session.overtaken("Zoe", 3)
            compare(window.lastNotification, "Zoe overtook you: you are now #3.")
            // The settings show the switch; this test desktop has no tray, and says so.
            window.show("settings")
            tryVerify(() => screenIn(window, "settings") !== null)
            const settings = screenIn(window, "settings")
            verify(findChild(settings, "notificationsSwitch").visible)
            compare(findChild(settings, "notificationsSwitch").enabled, window.tray.available)
            compare(findChild(settings, "noTrayHint").visible, !window.tray.available)
            closeWindow(window)
        }

        function test_languageSwitchesTheRunningScreens() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(logInComponent, root, { session: session })
            const button = findChild(screen, "submitButton")
            const before = Language.choice
            Language.choice = "en"
            compare(Language.current, "en")
            compare(button.text, "Log in")
            // German, at once: the running QML is translated again.
            Language.choice = "de"
            compare(Language.current, "de")
            compare(button.text, "Anmelden")
            compare(Qt.locale().name, "de_DE")                               // numbers and dates too
            const codes = Language.choices.map(c => c.code)
            compare(codes, ["", "de", "en"])                                 // the system's, then each shipped one
            Language.choice = "en"
            compare(button.text, "Log in")
            Language.choice = before
        }

        function test_mainScreenIgnoresActionWhenLoggedOut() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(mainComponent, root, { session: session })
            findChild(screen, "actionButton").forceActiveFocus()
            keyClick(Qt.Key_Space)
            compare(session.calls.length, 0)
        }

        function test_settingsSavesServerUrl() {
            const session = createTemporaryObject(mockComponent, root)
            const screen = createTemporaryObject(settingsComponent, root, { session: session })
            const spy = createTemporaryObject(spyComponent, root, { target: screen, signalName: "closed" })
            const url = input(screen, "serverUrl")
            compare(url.text, "ws://localhost:8080/ws")
            url.text = "http://nope"
            verify(!findChild(screen, "saveButton").enabled)
            url.text = "wss://scores.example.org/ws"
            url.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(session.serverUrl.toString(), "wss://scores.example.org/ws")
            compare(spy.count, 1)
        }

        function screenIn(window, name) { return findChild(window.contentItem, name) }
        // The window goes before its session (as in the app), not after it.
        function closeWindow(window) {
            window.destroy()
            wait(0)
        }

        function test_windowMakesEachScreenWithTheSession() {
            const session = createTemporaryObject(mockComponent, root)
            const window = createTemporaryObject(windowComponent, root, { session: session })
            compare(window.screenName, "logIn")
            const logIn = screenIn(window, "logIn")
            verify(logIn)
            compare(logIn.session, session)
            mouseClick(findChild(logIn, "signUpButton"))
            compare(window.screenName, "signUp")
            tryVerify(() => screenIn(window, "signUp") !== null)
            compare(screenIn(window, "signUp").session, session)
            verify(screenIn(window, "logIn") === null)          // one screen at a time

            session.pendingEmail = "ada@example.com"
            session.codeSent()
            compare(window.screenName, "code")
            tryVerify(() => screenIn(window, "code") !== null)
            session.verified()
            compare(window.screenName, "logIn")
            tryVerify(() => screenIn(window, "logIn") !== null)
            compare(input(screenIn(window, "logIn"), "email").text, "ada@example.com")
            tryVerify(() => input(screenIn(window, "logIn"), "password").activeFocus)   // the first empty field

            session.loggedIn = true
            compare(window.screenName, "main")
            tryVerify(() => screenIn(window, "main") !== null)
            compare(screenIn(window, "main").session, session)
            session.loggedIn = false
            compare(window.screenName, "logIn")
            closeWindow(window)
        }

        function test_windowSettingsReturnToTheScreenBefore() {
            const session = createTemporaryObject(mockComponent, root)
            const window = createTemporaryObject(windowComponent, root, { session: session })
            compare(window.screenName, "logIn")
            window.show("settings")
            tryVerify(() => screenIn(window, "settings") !== null)
            const settings = screenIn(window, "settings")
            compare(input(settings, "serverUrl").text, "ws://localhost:8080/ws")
            settings.closed()
            compare(window.screenName, "logIn")
            tryVerify(() => screenIn(window, "logIn") !== null)
            closeWindow(window)
        }
    }

    Component { id: spyComponent; SignalSpy {} }
}
