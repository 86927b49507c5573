import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A message across the top of a screen, dismissible with its button or Escape.
// Visible while `text` is not empty; `dismissed()` asks the owner to clear it.
Pane {
    id: root

    property string text
    property bool warning: false
    signal dismissed()

    visible: text.length > 0
    padding: 10
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    background: Rectangle {
        color: root.warning ? "#fff4d6" : "#fde2e1"
        border.color: root.warning ? "#d9a400" : "#c62828"
        radius: 4
    }

    RowLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            objectName: "message"
            textFormat: Text.PlainText
            text: root.text
            wrapMode: Text.Wrap
            color: "#3b0d0c"
            Layout.fillWidth: true
        }
        Button {
            objectName: "dismissButton"
            text: qsTr("Dismiss")
            flat: true
            focusPolicy: Qt.TabFocus
            onClicked: root.dismissed()
        }
    }
    Keys.onEscapePressed: root.dismissed()
}
