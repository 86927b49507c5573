import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ClientCore

// Create an account: e-mail, display name and password (with a live strength hint).
// Enter in any field submits once everything is valid.
Page {
    id: root
    objectName: "signUp"

    required property Session session
    signal logInRequested()

    readonly property bool emailValid: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.text.trim())
    readonly property bool nameValid: displayName.text.trim().length > 0
    readonly property string passwordProblem: session
        ? session.passwordProblem(password.text, email.text.trim(), displayName.text.trim()) : ""
    readonly property bool valid: emailValid && nameValid && password.text.length > 0
                                  && passwordProblem.length === 0
    readonly property bool canSubmit: valid && !(session && session.busy)

    function submit() {
        if (!canSubmit)
            return false
        session.signUp(email.text.trim(), displayName.text.trim(), password.text)
        return true
    }

    title: qsTr("Create your account")

    ScrollView {
        focus: true
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(parent.width - 48, 480)
            x: (parent.width - width) / 2
            spacing: 16

            Item { Layout.preferredHeight: 8 }
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
                hint: text.length > 0 && !root.emailValid ? qsTr("This does not look like an e-mail address.") : ""
                hintIsProblem: true
                field.focus: true
                KeyNavigation.tab: displayName.field
                onAccepted: root.submit()
            }
            FormField {
                id: displayName
                objectName: "displayName"
                label: qsTr("Display name (shown on the board)")
                KeyNavigation.tab: password.field
                onAccepted: root.submit()
            }
            FormField {
                id: password
                objectName: "password"
                label: qsTr("Password")
                echoMode: TextInput.Password
                hint: text.length === 0 ? "" : (root.passwordProblem.length > 0 ? root.passwordProblem
                                                                              : qsTr("Strong enough."))
                hintIsProblem: root.passwordProblem.length > 0
                KeyNavigation.tab: submitButton
                onAccepted: root.submit()
            }
            Button {
                id: submitButton
                objectName: "submitButton"
                text: qsTr("Create account")
                highlighted: true
                enabled: root.canSubmit
                Layout.fillWidth: true
                KeyNavigation.tab: logInButton
                onClicked: root.submit()
            }
            Button {
                id: logInButton
                objectName: "logInButton"
                text: qsTr("I already have an account — log in")
                flat: true
                Layout.alignment: Qt.AlignHCenter
                onClicked: root.logInRequested()
            }
        }
    }
}
