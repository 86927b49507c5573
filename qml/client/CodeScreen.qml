import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ClientCore

// Confirm the e-mail address with the 6-digit code that was mailed to it.
Page {
    id: root
    objectName: "code"

    required property Session session
    signal backRequested()

    readonly property bool valid: /^\d{6}$/.test(code.text)
    readonly property int resendSeconds: session ? session.resendSeconds : 0
    readonly property bool canSubmit: valid && !(session && session.busy)

    function submit() {
        if (!canSubmit)
            return false
        session.verify(code.text)
        return true
    }

    title: qsTr("Check your e-mail")

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
        Label {
            objectName: "explanation"
            textFormat: Text.PlainText
            text: qsTr("We sent a 6-digit code to %1. Enter it here to confirm the address.")
                      .arg(root.session && root.session.pendingEmail ? root.session.pendingEmail
                                                                     : qsTr("your address"))
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        FormField {
            id: code
            objectName: "code"
            label: qsTr("Code")
            placeholderText: "123456"
            validator: RegularExpressionValidator { regularExpression: /\d{0,6}/ }
            inputMethodHints: Qt.ImhDigitsOnly
            field.font.pixelSize: 28
            field.font.letterSpacing: 6
            field.focus: true
            KeyNavigation.tab: confirmButton
            onAccepted: root.submit()
        }
        Button {
            id: confirmButton
            objectName: "confirmButton"
            text: qsTr("Confirm")
            highlighted: true
            enabled: root.canSubmit
            Layout.fillWidth: true
            KeyNavigation.tab: resendButton
            onClicked: root.submit()
        }
        RowLayout {
            Layout.fillWidth: true
            Button {
                id: resendButton
                objectName: "resendButton"
                text: root.resendSeconds > 0 ? qsTr("Resend code (%1 s)").arg(root.resendSeconds)
                                             : qsTr("Resend code")
                enabled: root.resendSeconds === 0 && !(root.session && root.session.busy)
                KeyNavigation.tab: backButton
                onClicked: root.session.resend()
            }
            Item { Layout.fillWidth: true }
            Button {
                id: backButton
                text: qsTr("Back")
                flat: true
                onClicked: root.backRequested()
            }
        }
    }
}
