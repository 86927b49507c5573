import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ClientCore

// Log in with e-mail and password. Enter in either field submits.
Page {
    id: root
    objectName: "logIn"

    required property Session session
    property alias email: email.text
    signal signUpRequested()

    readonly property bool canSubmit: email.text.trim().length > 0 && password.text.length > 0
                                      && !(session && session.busy)

    function submit() {
        if (!canSubmit)
            return false
        session.logIn(email.text.trim(), password.text)
        password.text = ""
        return true
    }
    function focusFirstEmpty() {
        (email.text.length > 0 ? password.field : email.field).forceActiveFocus()
    }

    title: qsTr("Log in")

    ColumnLayout {
        width: Math.min(parent.width - 48, 480)
        x: (parent.width - width) / 2
        y: 24
        spacing: 16

        Label {
            textFormat: Text.PlainText
            text: root.title
            font.pixelSize: 24
            font.bold: true
        }
        FormField {
            id: email
            objectName: "email"
            label: qsTr("E-mail address")
            placeholderText: qsTr("you@example.com")
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
            field.focus: true
            KeyNavigation.tab: password.field
            onAccepted: root.submit()
        }
        FormField {
            id: password
            objectName: "password"
            label: qsTr("Password")
            echoMode: TextInput.Password
            KeyNavigation.tab: submitButton
            onAccepted: root.submit()
        }
        Button {
            id: submitButton
            objectName: "submitButton"
            text: qsTr("Log in")
            highlighted: true
            enabled: root.canSubmit
            Layout.fillWidth: true
            KeyNavigation.tab: signUpButton
            onClicked: root.submit()
        }
        Button {
            id: signUpButton
            objectName: "signUpButton"
            text: qsTr("New here? Create an account")
            flat: true
            Layout.alignment: Qt.AlignHCenter
            onClicked: root.signUpRequested()
        }
    }
}
