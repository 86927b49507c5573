import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.AppCore
import Scoreboard.Common
import Scoreboard.ConsoleCore

// The console window: a tool bar (tabs, connection state, log out), an error banner, the
// queue / player / events / audit screens and a side panel with the live top 10. Shortcuts: A approve,
// R reverse (player page), N next flag.
ApplicationWindow {
    id: window

    required property ConsoleSession session
    property int tab: 0
    readonly property string screenName: !session.loggedIn ? "login"
                                         : ["queue", "player", "events", "audit"][tab]
    // For the screenshots: the reversal confirmation when it is open.
    readonly property string dialogName: player.reverseDialog.visible ? "reversal" : ""
    property string endedTitle
    property string endedMessage

    width: 1280
    height: 800
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: qsTr("Scoreboard score check")

    Connections {
        target: window.session
        function onSessionEnded(reason, message) {
            window.endedTitle = reason === "suspended" ? qsTr("Account suspended") : qsTr("Signed out")
            window.endedMessage = message
            endedDialog.open()
        }
        function onUserChanged() { if (!window.session.loggedIn) window.tab = 0 }
    }

    Shortcut {
        sequence: "N"
        enabled: window.session.loggedIn
        onActivated: if (queue.nextFlag()) window.tab = 1
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 12
            Label { textFormat: Text.PlainText; text: window.title; font.bold: true; font.pixelSize: 18 }
            TabBar {
                id: tabs
                visible: window.session.loggedIn
                currentIndex: window.tab
                onCurrentIndexChanged: window.tab = currentIndex
                TabButton { text: qsTr("Queue (%1)").arg(window.session.openFlagCount); width: implicitWidth + 16; focusPolicy: Qt.NoFocus }
                TabButton { text: qsTr("Player"); width: implicitWidth + 16; focusPolicy: Qt.NoFocus }
                // Admins manage events here; checkers see them read-only.
                TabButton { text: qsTr("Events"); width: implicitWidth + 16; focusPolicy: Qt.NoFocus }
                // The audit log is for admins (a checker's console keeps it empty).
                TabButton { text: qsTr("Audit"); enabled: window.session.role === "admin"; width: implicitWidth + 16; focusPolicy: Qt.NoFocus }
            }
            Item { Layout.fillWidth: true }
            Label {
                textFormat: Text.PlainText
                visible: window.session.loggedIn
                text: qsTr("%1 (%2)").arg(window.session.displayName).arg(window.session.role)
                color: "#444"
            }
            ComboBox {
                objectName: "languageBox"
                textRole: "name"
                valueRole: "code"
                model: Language.choices
                focusPolicy: Qt.NoFocus
                implicitContentWidthPolicy: ComboBox.WidestText
                Accessible.name: qsTr("Language")
                Component.onCompleted: currentIndex = indexOfValue(Language.choice)
                onActivated: index => Language.choice = valueAt(index)
            }
            ConnectionIndicator { connectionState: window.session.state }
            ToolButton {
                visible: window.session.loggedIn
                text: qsTr("Log out")
                focusPolicy: Qt.NoFocus
                onClicked: window.session.logOut()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ErrorBanner {
            text: window.session.loggedIn ? window.session.errorMessage : ""
            warning: window.session.state === 3
            Layout.fillWidth: true
            Layout.margins: 8
            onDismissed: window.session.clearError()
        }
        LogInScreen {
            visible: !window.session.loggedIn
            session: window.session
            email: window.session.email
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        RowLayout {
            visible: window.session.loggedIn
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            StackLayout {
                currentIndex: window.tab
                Layout.fillWidth: true
                Layout.fillHeight: true
                QueueScreen {
                    id: queue
                    session: window.session
                    onFlagSelected: flag => { player.flag = flag; window.tab = 1 }
                }
                PlayerScreen {
                    id: player
                    session: window.session
                }
                EventsScreen {
                    id: events
                    session: window.session
                }
                AuditScreen {
                    session: window.session
                    files: FileWriter {}
                }
            }
            Rectangle { width: 1; color: "#d0d7de"; Layout.fillHeight: true }
            Pane {
                Layout.preferredWidth: 260
                Layout.fillHeight: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label { textFormat: Text.PlainText; text: qsTr("Live top 10"); font.bold: true; font.pixelSize: 16 }
                    TopList {
                        model: window.session.board
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: qsTr("Shortcuts: N next flag · A approve · R reverse")
                        wrapMode: Text.Wrap
                        color: "#666"
                        font.pixelSize: 12
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }

    Dialog {
        id: endedDialog
        title: window.endedTitle
        modal: true
        anchors.centerIn: parent
        width: Math.min(window.width - 40, 460)
        standardButtons: Dialog.Ok
        Label { textFormat: Text.PlainText; text: window.endedMessage; wrapMode: Text.Wrap; width: parent.width }
    }
}
