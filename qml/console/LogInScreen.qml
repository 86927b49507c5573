import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ConsoleCore

// Staff log-in. A player account is refused by the session; its message is shown here.
Page {
    id: root
    objectName: "logIn"

    required property ConsoleSession session
    property alias email: email.text

    readonly property bool canSubmit: email.text.trim().length > 0 && password.text.length > 0
                                      && !(session && session.busy)

    function submit() {
        if (!canSubmit)
            return false
        session.logIn(email.text.trim(), password.text)
        password.text = ""
        return true
    }

    ColumnLayout {
        width: Math.min(parent.width - 48, 420)
        x: (parent.width - width) / 2
        y: 32
        spacing: 12

        Label {
            textFormat: Text.PlainText
            text: qsTr("Score-check console")
            font.pixelSize: 24
            font.bold: true
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("For staff accounts (checker or admin) only.")
            color: "#555"
        }
        Label {
            objectName: "refusal"
            textFormat: Text.PlainText
            visible: text.length > 0
            text: root.session ? root.session.errorMessage : ""
            color: "#b71c1c"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { textFormat: Text.PlainText; text: qsTr("E-mail address"); font.bold: true }
        TextField {
            id: email
            objectName: "emailInput"
            focus: true
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
            Layout.fillWidth: true
            KeyNavigation.tab: password
            onAccepted: root.submit()
        }
        Label { textFormat: Text.PlainText; text: qsTr("Password"); font.bold: true }
        TextField {
            id: password
            objectName: "passwordInput"
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: root.submit()
        }
        Button {
            objectName: "submitButton"
            text: qsTr("Log in")
            highlighted: true
            enabled: root.canSubmit
            Layout.fillWidth: true
            onClicked: root.submit()
        }
    }
}
