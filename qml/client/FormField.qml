import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field: the label sits above the field and names it for screen readers.
ColumnLayout {
    id: root

    property alias label: caption.text
    property alias text: input.text
    property alias placeholderText: input.placeholderText
    property alias echoMode: input.echoMode
    property alias validator: input.validator
    property alias inputMethodHints: input.inputMethodHints
    property alias field: input
    property string hint
    property bool hintIsProblem: false
    signal accepted()

    spacing: 4
    Layout.fillWidth: true

    Label {
        id: caption
        textFormat: Text.PlainText
        font.bold: true
    }
    TextField {
        id: input
        objectName: root.objectName + "Input"
        focus: true
        selectByMouse: true
        Layout.fillWidth: true
        Accessible.name: caption.text
        Accessible.description: root.hint
        onAccepted: root.accepted()
    }
    Label {
        objectName: root.objectName + "Hint"
        textFormat: Text.PlainText
        visible: root.hint.length > 0
        text: root.hint
        color: root.hintIsProblem ? "#b3261e" : "#2e7d32"
        wrapMode: Text.Wrap
        font.pixelSize: caption.font.pixelSize * 0.9
        Layout.fillWidth: true
    }
}
