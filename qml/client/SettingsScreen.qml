import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.AppCore
import Scoreboard.ClientCore

// The server to connect to, saved through session.serverUrl (which persists it); the language
// and desktop notifications (both saved at once).
Page {
    id: root
    objectName: "settings"

    required property Session session
    property TrayNotifier tray: null
    signal closed()

    readonly property bool valid: /^wss?:\/\/[^\s\/]+(\/\S*)?$/.test(url.text.trim())

    function save() {
        if (!valid)
            return false
        session.serverUrl = url.text.trim()
        root.closed()
        return true
    }
    function reset() {
        url.text = String(session.serverUrl)
        url.field.forceActiveFocus()
    }

    title: qsTr("Settings")
    Component.onCompleted: reset()
    Keys.onEscapePressed: root.closed()

    ColumnLayout {
        width: Math.min(parent.width - 48, 560)
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
            id: url
            objectName: "serverUrl"
            label: qsTr("Server address")
            placeholderText: "ws://localhost:8080/ws"
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            hint: root.valid ? qsTr("The app reconnects to this address when you save.")
                             : qsTr("Use ws://host:port/ws or wss://host/ws.")
            hintIsProblem: !root.valid
            field.focus: true
            KeyNavigation.tab: saveButton
            onAccepted: root.save()
        }
        RowLayout {
            spacing: 12
            Label { textFormat: Text.PlainText; text: qsTr("Language") }
            ComboBox {
                objectName: "languageBox"
                textRole: "name"
                valueRole: "code"
                model: Language.choices
                implicitContentWidthPolicy: ComboBox.WidestText
                Component.onCompleted: currentIndex = indexOfValue(Language.choice)
                onActivated: index => Language.choice = valueAt(index)
            }
        }
        Switch {
            objectName: "notificationsSwitch"
            visible: root.tray !== null
            enabled: root.tray !== null && root.tray.available
            checked: root.tray !== null && root.tray.enabled
            text: qsTr("Tell me on the desktop when someone overtakes me")
            onToggled: root.tray.enabled = checked
        }
        Label {
            objectName: "noTrayHint"
            textFormat: Text.PlainText
            visible: root.tray !== null && !root.tray.available
            text: qsTr("This desktop has no system tray, so the app shows it in its window only.")
            color: "#555"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: 12
            Button {
                id: saveButton
                objectName: "saveButton"
                text: qsTr("Save")
                highlighted: true
                enabled: root.valid
                KeyNavigation.tab: cancelButton
                onClicked: root.save()
            }
            Button {
                id: cancelButton
                text: qsTr("Cancel")
                onClicked: root.closed()
            }
        }
    }
}
