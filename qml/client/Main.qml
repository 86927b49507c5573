import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.Common
import Scoreboard.ClientCore

// The app window: a tool bar with the connection state and settings, an error banner, and one
// screen at a time. Screens take the session as a property (tests pass a mock). Being overtaken
// while the window is in the background becomes a desktop notification (TrayNotifier).
ApplicationWindow {
    id: window

    required property Session session
    property string screen: session.loggedIn ? "main" : (session.pendingEmail.length > 0 ? "code" : "logIn")
    property string previousScreen: "logIn"
    readonly property string screenName: screen
    property string endedTitle
    property string endedMessage
    // Desktop notifications (the system tray) while the window is in the background.
    readonly property TrayNotifier tray: TrayNotifier {}
    property bool away: !active
    // The last notification the window asked the desktop for (shown when it has a tray).
    property string lastNotification

    function show(name) {
        if (name === "settings" && screen !== "settings")
            previousScreen = screen
        screen = name
        window.session.clearError()
    }

    width: 960
    height: 640
    minimumWidth: 420
    minimumHeight: 480
    visible: true
    title: qsTr("Scoreboard")

    Connections {
        target: window.session
        function onCodeSent() { window.show("code") }
        function onVerified() { window.show("logIn") }
        function onUserChanged() {
            if (window.session.loggedIn)
                window.show("main")
            else if (window.screen === "main")
                window.show("logIn")
        }
        function onOvertaken(byName, rank) {
            if (!window.away)
                return // the screen's banner says it
            window.lastNotification = qsTr("%1 overtook you: you are now #%2.").arg(byName).arg(rank)
            window.tray.notify(qsTr("Overtaken"), window.lastNotification)
        }
        function onSessionEnded(reason, message) {
            window.endedTitle = reason === "suspended" ? qsTr("Account suspended")
                                                       : qsTr("Signed out")
            window.endedMessage = message
            window.show("logIn")
            endedDialog.open()
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 4
            spacing: 12
            Label {
                textFormat: Text.PlainText
                text: window.title
                font.bold: true
                font.pixelSize: 18
            }
            Item { Layout.fillWidth: true }
            ConnectionIndicator {
                objectName: "connection"
                connectionState: window.session.state
            }
            ToolButton {
                objectName: "settingsButton"
                text: window.screen === "settings" ? qsTr("Close settings") : qsTr("Settings")
                focusPolicy: Qt.TabFocus
                onClicked: window.show(window.screen === "settings" ? window.previousScreen : "settings")
            }
        }
    }

    Shortcut {
        sequence: "Ctrl+,"
        onActivated: window.show("settings")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ErrorBanner {
            objectName: "errorBanner"
            text: window.session.errorMessage
            warning: window.session.state === 3
            Layout.fillWidth: true
            Layout.margins: 8
            onDismissed: window.session.clearError()
        }
        Pane {
            objectName: "reconnectingNote"
            visible: window.session.loggedIn && window.session.state !== 2 && window.screen === "main"
            Layout.fillWidth: true
            background: Rectangle { color: "#fff4d6" }
            Label {
                textFormat: Text.PlainText
                text: qsTr("Connection lost — reconnecting. Your score is safe; actions resume when the connection is back.")
                wrapMode: Text.Wrap
                width: parent.width
            }
        }
        Loader {
            id: loader
            objectName: "screenLoader"
            focus: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            onLoaded: {
                (loader.item as Item).forceActiveFocus()
                // The log-in screen starts in its first empty field.
                const logIn = loader.item as LogInScreen
                if (logIn)
                    logIn.focusFirstEmpty()
            }
        }
    }

    // Each screen is made afresh with the session (its required property) when it is shown;
    // the Connections below take its requests.
    function loadScreen() {
        const files = { signUp: "SignUpScreen.qml", code: "CodeScreen.qml", logIn: "LogInScreen.qml",
                        main: "MainScreen.qml", settings: "SettingsScreen.qml" }
        const properties = { session: window.session }
        if (screen === "settings")
            properties.tray = window.tray
        if (screen === "logIn")
            properties.email = Qt.binding(() => session.pendingEmail.length > 0 ? session.pendingEmail
                                                                                : session.email)
        loader.setSource(files[screen], properties)
    }
    onScreenChanged: loadScreen()
    Component.onCompleted: loadScreen()

    Connections {
        target: loader.item as SignUpScreen
        function onLogInRequested() { window.show("logIn") }
    }
    Connections {
        target: loader.item as CodeScreen
        function onBackRequested() { window.show("signUp") }
    }
    Connections {
        target: loader.item as LogInScreen
        function onSignUpRequested() { window.show("signUp") }
    }
    Connections {
        target: loader.item as SettingsScreen
        function onClosed() { window.show(window.previousScreen) }
    }

    Dialog {
        id: endedDialog
        objectName: "sessionEndedDialog"
        title: window.endedTitle
        modal: true
        anchors.centerIn: parent
        width: Math.min(window.width - 40, 460)
        standardButtons: Dialog.Ok
        Label {
            textFormat: Text.PlainText
            text: window.endedMessage
            wrapMode: Text.Wrap
            width: parent.width
        }
    }
}
