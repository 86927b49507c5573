import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asks for the reason of a decision (written to the audit log). With `showScores` it also shows
// the player's score before and after (the reversal confirmation).
Dialog {
    id: root

    property string message
    property string actionText: qsTr("OK")
    property bool reasonRequired: true
    property bool showScores: false
    property var scoreBefore: 0
    property var scoreAfter: 0
    /// What the scores are of (e.g. "Score in derby, season 2"); empty: the player's score.
    property string scope
    property alias reason: reasonField.text
    readonly property bool canConfirm: !reasonRequired || reasonField.text.trim().length > 0
    signal confirmed(string reason)

    function ask() {
        reasonField.text = ""
        open()
        reasonField.forceActiveFocus()
    }
    function confirm() {
        if (!canConfirm)
            return false
        confirmed(reasonField.text.trim())
        close()
        return true
    }

    modal: true
    anchors.centerIn: Overlay.overlay
    width: 440

    ColumnLayout {
        width: parent.width
        spacing: 10
        Label {
            textFormat: Text.PlainText
            text: root.message
            wrapMode: Text.Wrap
            visible: text.length > 0
            Layout.fillWidth: true
        }
        Label {
            objectName: "scoreScope"
            textFormat: Text.PlainText
            visible: root.showScores && text.length > 0
            text: root.scope
            font.bold: true
        }
        GridLayout {
            visible: root.showScores
            columns: 2
            columnSpacing: 16
            Label { textFormat: Text.PlainText; text: qsTr("Score before") }
            Label { textFormat: Text.PlainText; objectName: "scoreBefore"; text: root.scoreBefore; font.bold: true }
            Label { textFormat: Text.PlainText; text: qsTr("Score after") }
            Label { textFormat: Text.PlainText; objectName: "scoreAfter"; text: root.scoreAfter; font.bold: true; color: "#b71c1c" }
        }
        Label { textFormat: Text.PlainText; text: root.reasonRequired ? qsTr("Reason (required)") : qsTr("Reason (optional)"); font.bold: true }
        TextField {
            id: reasonField
            objectName: "reasonInput"
            placeholderText: qsTr("Written to the audit log")
            Layout.fillWidth: true
            onAccepted: root.confirm()
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "cancelButton"
            text: qsTr("Cancel")
            flat: true
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        Button {
            objectName: "confirmButton"
            text: root.actionText
            highlighted: true
            enabled: root.canConfirm
            onClicked: root.confirm()
        }
    }
}
